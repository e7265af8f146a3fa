"""Key events of the withdrawal, drawn on the study's timelines."""
from __future__ import annotations

import pandas as pd

#: Reference dates for the withdrawal (UTC calendar days as reported by the
#: US Department of Defense and the White House), used to annotate timelines.
KEY_EVENTS = pd.DataFrame(
    {
        "date": pd.to_datetime(["2021-08-15", "2021-08-26", "2021-08-30"]),
        "event": ["Kabul falls to the Taliban", "Kabul airport bombing", "Last US flight leaves Kabul"],
    }
)
