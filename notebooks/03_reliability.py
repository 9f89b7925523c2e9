# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 3. Reliability
#
# How far can the codes be trusted? Two comparisons, scored by the same functions (`framing.evaluate`):
#
# 1. **coder against coder**: a second coder coded a sample of the articles independently, with the same
#    codebook; their agreement bounds what any coder, human or machine, can be expected to reach;
# 2. **machine against reference**: the machine coder (`framing.coder`) against the reference coding, on every
#    article whose text is at hand (the seed offline; every retrieved article after `framing fetch`).
#
# Units are lined up by their fingerprints. Frames are scored per frame with precision, recall, F1 and
# Krippendorff's alpha (nominal, two coders; Krippendorff 2004: 0.8 or more is reliable, 0.667 the lowest
# acceptable for tentative conclusions). Sources are scored by source-type agreement (same set of source types
# in the unit), attributed agreement (both say attributed, or both narration) and speaker F1.

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

from framing import compare, evaluate, plots, study
from framing.corpus import load_reference

ROOT = study.find_root()
DATA = ROOT / "data"
FIGURES = study.figures_dir()
pd.set_option("display.precision", 3)

# %% [markdown]
# ## Coder against coder

# %%
second = load_reference(DATA, coder="second")
first = load_reference(DATA)
first_sample = first[first["article_id"].isin(second["article_id"])]
print(f"The second coder coded {second['article_id'].nunique()} articles "
      f"({len(evaluate.align(first_sample, second))} headlines and sentences of the first coding).")

# %%
coder_frames = evaluate.frame_scores(first_sample, second)
coder_frames

# %%
coder_sources = evaluate.source_scores(first_sample, second)
coder_sources

# %% [markdown]
# Where do the coders disagree on sources? Rows: the first coder's source types; columns: the second's.

# %%
coder_confusion = evaluate.confusion(first_sample, second, field="source_types")
ax = plots.plot_confusion(coder_confusion, xlabel="second coder", ylabel="first coder",
                          title="Source types: first vs second coder")
plots.save_figure(ax.figure, "confusion_source_types_second_coder", folder=FIGURES)
display(ax.figure)

# %%
evaluate.confusion(first_sample, second, field="attributed")

# %% [markdown]
# ## Machine against reference
#
# The machine coder runs on every article whose text is at hand. Offline that is the seed article only, so the
# scores rest on few units: read them with the `n_units` column.

# %%
coded = study.load_machine_coding(DATA)
with_text = first[first["article_id"].isin(coded["article_id"])]
aligned = evaluate.align(with_text, coded)
print(f"Articles with text: {coded['article_id'].nunique()}; reference units lined up: "
      f"{int(aligned['found'].sum())} of {len(aligned)}.")

# %%
machine_frames = evaluate.frame_scores(with_text, coded)
machine_frames

# %%
evaluate.source_scores(with_text, coded)

# %%
evaluate.confusion(with_text, coded, field="attributed")

# %%
evaluate.confusion(with_text, coded, field="frames")

# %% [markdown]
# ## Both comparisons side by side
#
# Krippendorff's alpha per frame. A frame that never varies in a sample has no alpha (n/a).

# %%
alphas = compare.stack(
    {"second coder vs first": coder_frames, "machine vs reference (texts at hand)": machine_frames}, label="comparison"
)
alphas = alphas[alphas["frame"] != "macro"]
ax = plots.plot_scores(alphas, x="frame", value="alpha", hue="comparison", ylabel="Krippendorff's alpha",
                       title="Agreement on frames")
plots.save_figure(ax.figure, "reliability_alpha_by_frame", folder=FIGURES)
display(ax.figure)
