"""Coverage of the document-level interval methods on SYNTHETIC clustered data with a known truth.

Run ``python benchmarks/interval_coverage.py [runs]``; writes
``benchmarks/results/interval_coverage.json``. The settings mirror
tests/test_interval_coverage.py with more runs and 999 replicates:

* log ratio: per-document word rates ~ Gamma(shape 1.5) with means 0.004
  (target) and 0.002 (reference), documents of 300-1500 tokens; true log
  ratio 1; 10 and 40 documents per group.
* frame share: 15 documents of 1 + Poisson(6) passages, each document's
  share ~ Beta with mean 0.3 (concentration 3 and 10) or 0.1
  (concentration 3); true share = the mean.
* difference of shares: 15 + 15 documents, means 0.3 and 0.15
  (concentration 3); true difference 0.15.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_interval_coverage import _keyness_world, _share_world  # noqa: E402

from discourse.keyness import keyness  # noqa: E402
from discourse.prevalence import frame_prevalence, prevalence_differences  # noqa: E402

METHODS = ("percentile", "bca", "t")


def _run(draw, call, truth, runs, seed):
    rng = np.random.default_rng(seed)
    hits = dict.fromkeys(METHODS, 0)
    seconds = dict.fromkeys(METHODS, 0.0)
    for r in range(runs):
        data = draw(rng)
        for method in METHODS:
            start = time.perf_counter()
            low, high = call(data, method, r)
            seconds[method] += time.perf_counter() - start
            hits[method] += bool(low <= truth <= high)
    return {m: {"coverage": hits[m] / runs, "ms_per_call": 1000 * seconds[m] / runs} for m in METHODS}


def _log_ratio(data, method, seed):
    t = keyness(data, by="g", target="A", bootstrap=999, ci_method=method, random_state=seed, progress=False,
                dispersion=None).set_index("feature")
    return t.loc["w", "log_ratio_ci_low"], t.loc["w", "log_ratio_ci_high"]


def _share(data, method, seed):
    out = frame_prevalence(data, frames=["f"], by="bloc", n_boot=999, ci_method=method, random_state=seed)
    return out["ci_low"].iloc[0], out["ci_high"].iloc[0]


def _two_groups(rng):
    a = _share_world(rng, 15, 0.3, 3.0)
    b = _share_world(rng, 15, 0.15, 3.0).assign(bloc="B", doc_id=lambda d: d["doc_id"] + 1000)
    return pd.concat([a, b], ignore_index=True)


def main(runs: int = 1000) -> dict:
    results = {"ci": 0.95, "runs": runs, "n_boot": 999, "settings": []}
    for n_docs in (10, 40):
        results["settings"].append({"statistic": "log_ratio", "documents_per_group": n_docs, "truth": 1.0,
                                    **_run(lambda rng, n=n_docs: _keyness_world(rng, n), _log_ratio, 1.0, runs, 2)})
    for mean, conc in ((0.3, 3.0), (0.3, 10.0), (0.1, 3.0)):
        results["settings"].append({"statistic": "frame_share", "documents": 15, "mean": mean, "concentration": conc,
                                    **_run(lambda rng, m=mean, c=conc: _share_world(rng, 15, m, c), _share, mean,
                                           runs, 1)})
    results["settings"].append({"statistic": "share_difference", "documents_per_group": 15, "truth": 0.15,
                                **_run(_two_groups, lambda d, m, s: _diff_ab(d, m, s), 0.15, runs, 3)})
    return results


def _diff_ab(data, method, seed):
    out = prevalence_differences(data, frames=["f"], by="bloc", pairs=[("A", "B")], n_boot=999, n_perm=1,
                                 ci_method=method, random_state=seed)
    return out["ci_low"].iloc[0], out["ci_high"].iloc[0]


if __name__ == "__main__":
    out = main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    path = Path(__file__).resolve().parent / "results" / "interval_coverage.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))
