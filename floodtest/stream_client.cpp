#include "stream_client.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

#include <boost/asio/bind_allocator.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/write.hpp>

#include "stream_pool.hpp"

namespace floodtest {

namespace {

namespace asio = boost::asio;

// A stream that keeps the socket full cannot starve the others.
constexpr int max_reads_per_wakeup = 8;

} // namespace

stream_ptr stream_client::create(stream_pool& pool, std::string request) {
  auto& memory = pool.memory();
  void* place = memory.allocate(sizeof(stream_client));
  try {
    return stream_ptr{new (place) stream_client(pool, std::move(request))};
  } catch (...) {
    memory.deallocate(place, sizeof(stream_client));
    throw;
  }
}

void intrusive_ptr_release(stream_client* stream) noexcept {
  if (--stream->owners_ != 0)
    return;
  auto& memory = stream->pool_.memory();
  stream->~stream_client();
  memory.deallocate(stream, sizeof(stream_client));
}

stream_client::stream_client(stream_pool& pool, std::string request)
  : socket_(pool.context().get_executor()),
    pool_(pool),
    outgoing_(std::make_unique<std::string>(std::move(request))),
    parsers_(pool.transport()) {
}

small_allocator<void> stream_client::handler_allocator() const {
  return small_allocator<void>{pool_.memory()};
}

void stream_client::start(const asio::ip::tcp::endpoint& to,
                          const asio::ip::address_v4* from) {
  boost::system::error_code ec;
  socket_.open(to.protocol(), ec);
  if (!ec && from != nullptr && to.address().is_v4()) {
    int on = 1;
    // Without it bind() picks a port unique for all destinations, and one
    // source address runs out after ~28k streams in total.
    ::setsockopt(socket_.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT,
                 &on, sizeof(on));
    socket_.bind({*from, 0}, ec);
  }
  if (ec)
    return fail(ec);
  socket_.async_connect(
    to, asio::bind_allocator(handler_allocator(),
                             [self = stream_ptr{this}](auto ec) {
                               self->on_connect(ec);
                             }));
}

void stream_client::time_out() {
  if (connecting())
    finish({close_kind::timeout, 0});
}

void stream_client::on_connect(const boost::system::error_code& ec) {
  if (phase_ == phase::done)
    return;
  if (ec)
    return fail(ec);
  phase_ = phase::requesting;
  boost::system::error_code ignored;
  socket_.non_blocking(true, ignored);
  do_write();
}

void stream_client::do_write() {
  asio::async_write(socket_, asio::buffer(*outgoing_),
                    asio::bind_allocator(handler_allocator(),
                                         [self = stream_ptr{this}](
                                           auto ec, std::size_t) {
                                           self->on_write(ec);
                                         }));
}

void stream_client::on_write(const boost::system::error_code& ec) {
  if (phase_ == phase::done)
    return;
  if (ec)
    return fail(ec);
  outgoing_.reset();
  if (phase_ == phase::requesting)
    do_read(); // else a pong was written: the stream reads already
}

void stream_client::do_read() {
  socket_.async_wait(socket_type::wait_read,
                     asio::bind_allocator(handler_allocator(),
                                          [self = stream_ptr{this}](auto ec) {
                                            self->on_read(ec);
                                          }));
}

void stream_client::on_read(const boost::system::error_code& ec) {
  if (phase_ == phase::done)
    return;
  if (ec)
    return fail(ec);
  auto buffer = pool_.read_buffer();
  for (int i = 0; i < max_reads_per_wakeup; ++i) {
    boost::system::error_code read_ec;
    auto n = socket_.read_some(asio::buffer(buffer.data(), buffer.size()),
                               read_ec);
    if (read_ec == asio::error::would_block)
      break;
    if (read_ec == asio::error::eof && ends_at_eof())
      return finish({close_kind::end, 0});
    if (read_ec)
      return fail(read_ec);
    if (!consume({buffer.data(), n}))
      return;
    if (n < buffer.size())
      break; // drained: another read would only say would_block
  }
  do_read();
}

void stream_client::fail(const boost::system::error_code& ec) {
  // Cancelled operations are our own doing (finish closed the socket); the
  // close was counted there.
  if (ec == asio::error::operation_aborted)
    return;
  finish(close_reason_from(ec));
}

void stream_client::finish(close_reason reason) {
  if (phase_ == phase::done)
    return;
  auto was = phase_;
  phase_ = phase::done;
  pool_.record_close({reason, was != phase::connecting,
                      was == phase::streaming});
  if (was != phase::streaming)
    pool_.connect_settled();
  boost::system::error_code ignored;
  socket_.close(ignored);
}

} // namespace floodtest
