"""--against=baseline for every benchmark: caf-comet and the floor
(bench/baseline/, comet-baseline) measured back to back in one run,
alternating (caf-comet, baseline, caf-comet, baseline, ...), so that both
see the same machine. One JSON line:

  {"bench": ..., "against": "baseline", "rounds": R,
   "caf-comet": {...}, "baseline": {...}, "ratios": {...},
   "each_round": {"caf-comet": [{...}, ...], "baseline": [{...}, ...]}}

A server's figures are the medians over its rounds (a list figure, such as
the broadcast times, is the rounds' lists joined); "ratios" is caf-comet's
median ÷ the baseline's for the figures the benchmark names. Without
--against, a benchmark runs caf-comet once and prints its figures as ever."""

import statistics

import benchlib
from benchlib import BASELINE, CAF_COMET, log


def add_options(parser):
    parser.add_argument("--against", choices=["baseline"],
                        help="also measure comet-baseline (bench/baseline/), "
                             "alternating with caf-comet, and print both and "
                             "their ratios")
    parser.add_argument("--rounds", type=benchlib.positive_int, default=2,
                        help="with --against: rounds of each server "
                             "(default 2)")


def run(name, args, measure, ratio_keys):
    """measure(server, label) -> figures of one run on `server` (a
    benchlib.ServerKind), its output directory's name ending in `label`.
    Returns what the benchmark prints."""
    if not args.against:
        return measure(CAF_COMET, None)
    rounds = {CAF_COMET.name: [], BASELINE.name: []}
    for i in range(1, args.rounds + 1):
        for server in (CAF_COMET, BASELINE):
            log(f"--against: round {i} of {args.rounds}, {server.name}")
            rounds[server.name].append(
                measure(server, f"{server.name}-{i}"))
    medians = {server: combined(figures) for server, figures in rounds.items()}
    return {"bench": name,
            "against": args.against,
            "rounds": args.rounds,
            **medians,
            "ratios": ratios(medians[CAF_COMET.name], medians[BASELINE.name],
                             ratio_keys),
            "each_round": rounds}


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def combined(runs):
    """One server's rounds as one set of figures: numbers by their median,
    lists joined, anything else (the output directories) listed."""
    out = {}
    for key in runs[0]:
        values = [r.get(key) for r in runs]
        if all(is_number(v) for v in values):
            median = statistics.median(values)
            if all(isinstance(v, int) for v in values) and median == int(median):
                median = int(median)  # counts stay counts
            out[key] = rounded(median)
        elif all(isinstance(v, list) for v in values):
            out[key] = [x for v in values for x in v]
        else:
            out[key] = values
    return out


def typical(value):
    """A figure as one number: a list (the broadcasts) by its median."""
    if isinstance(value, list):
        numbers = [x for x in value if is_number(x)]
        return statistics.median(numbers) if numbers else None
    return value if is_number(value) else None


def ratios(caf, base, keys):
    """caf-comet ÷ baseline per key; None where the baseline's figure is 0
    or missing (e.g. a latency under the 1 ms bucket)."""
    out = {}
    for key in keys:
        a, b = typical(caf.get(key)), typical(base.get(key))
        out[key] = rounded(a / b) if a is not None and b else None
    return out


def rounded(x):
    return round(x, 2) if isinstance(x, float) else x
