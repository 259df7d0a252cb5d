"""Issue 5's speed figures in one run: the log-linear search and the Bayesian samplers.

    python benchmarks/estimate.py

Runs ``estimate_loglinear.py`` (model search and intervals for 3–15 lists; floor: exhaustive
search over 5 lists ≤ 1 s) and then ``estimate_bayes.py`` (LCMCR's reference run of 110,000
sweeps on 4 lists, against R's 2.7 s on this machine, with effective draws per second; dga on
3–5 lists), each printing its own figures. Options go to neither; run the two scripts directly
to pass them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> None:
    for script in ("estimate_loglinear.py", "estimate_bayes.py"):
        print(f"== {script}", flush=True)
        subprocess.run([sys.executable, str(HERE / script)], check=True)


if __name__ == "__main__":
    main()
