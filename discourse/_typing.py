"""Type aliases shared by the public signatures (one home, imported everywhere)."""
from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Union

import numpy as np
import pandas as pd

#: A file or folder path.
PathLike = Union[str, "os.PathLike[str]"]
#: What functions that read texts accept: one text, texts, a Series, or a documents/passages table.
TextInput = Union[str, Sequence[str], pd.Series, pd.DataFrame]
#: A search pattern or several (matched as alternatives).
Pattern = Union[str, Sequence[str]]
#: A seed: None (fresh entropy), an int, or a numpy Generator.
RandomState = Union[int, np.random.Generator, np.random.SeedSequence, None]
#: A jieba user dictionary: a file path or a list of words.
UserDictionary = Union[str, "os.PathLike[str]", Sequence[str], None]
