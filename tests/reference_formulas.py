"""Independent reference implementations for the tests: formulas written out from the papers.

Nothing here imports ``discourse``: each function restates a published
definition in plain Python (or scipy), one item at a time, so that a test
comparing our vectorised code with it compares two computations, not one.
"""
from __future__ import annotations

import math
import re

from scipy import stats


def lrc_by_hand(a, b, c, d, conf_level, m):
    """Evert's LRC from an exact binomial test (scipy.stats.binomtest), not our code."""
    # Two-sided Clopper-Pearson interval for pi = a / (a + b) at level
    # 1 - (1 - conf_level) / m  (Bonferroni over m features).
    ci = stats.binomtest(a, a + b).proportion_ci(confidence_level=1 - (1 - conf_level) / m, method="exact")

    def to_log_ratio(pi):
        # pi / (1 - pi) estimates (p1 c) / (p2 d), so p1 / p2 = d / c * pi / (1 - pi)
        if pi <= 0:
            return -math.inf
        if pi >= 1:
            return math.inf
        return math.log2(d / c * pi / (1 - pi))

    low, high = to_log_ratio(ci.low), to_log_ratio(ci.high)
    if low > 0:
        return low
    if high < 0:
        return high
    return 0.0



def monroe_z_loops(y_i, y_j, alpha):
    """Monroe, Colaresi & Quinn (2008) eqs. 16-22, one word at a time."""
    n_i = sum(y_i)
    n_j = sum(y_j)
    alpha_0 = sum(alpha)
    out = []
    for w in range(len(y_i)):
        # eq. 16: log-odds of w in each group with the Dirichlet prior
        omega_i = (y_i[w] + alpha[w]) / (n_i + alpha_0 - y_i[w] - alpha[w])
        omega_j = (y_j[w] + alpha[w]) / (n_j + alpha_0 - y_j[w] - alpha[w])
        delta = math.log(omega_i) - math.log(omega_j)
        # eq. 20: approximate variance; eq. 22: z-score
        variance = 1.0 / (y_i[w] + alpha[w]) + 1.0 / (y_j[w] + alpha[w])
        out.append(delta / math.sqrt(variance))
    return out


def plain_term_pattern(term: str, language: str) -> re.Pattern:
    """A dictionary term as a plain regex, written apart from discourse.terms.

    Whole words, `*` suffix, `=` case-sensitive, е/ё alike; Chinese as a substring.
    """
    flags = 0 if term.startswith("=") else re.IGNORECASE
    term = term.lstrip("=")
    if language == "zh":
        return re.compile(re.escape(term))
    words = []
    for word in term.split(" "):
        star = word.endswith("*")
        body = "".join("[её]" if ch in "её" else re.escape(ch) for ch in word.rstrip("*"))
        words.append(body + (r"\w*" if star else ""))
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", flags)
