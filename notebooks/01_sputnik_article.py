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
# # 1. The Sputnik article
#
# The study starts from one article: Sputnik's report of 3 February 2022 on the Russian Foreign Ministry's
# reaction to the US raid in Atmeh, Syria (`data/articles/sputnik-2022-02-03-zakharova.txt`). This notebook
# shows its units (the headline and each sentence), the frames they carry and the sources they are attributed
# to, first as the reference coding (coded by hand with `data/codebook.md`), then as the machine coder codes
# them, and where the two disagree.

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import HTML, display

from framing import compare, evaluate, plots, reports, study

ROOT = study.find_root()
DATA = ROOT / "data"
FIGURES = study.figures_dir()
pd.set_option("display.max_colwidth", 90)
pd.set_option("display.precision", 3)

# %% [markdown]
# ## Units and their reference coding

# %%
seed = study.seed_reference_units(DATA)
counts = seed["kind"].value_counts()
print(f"{len(seed)} units: {counts.get('headline', 0)} headline, {counts.get('sentence', 0)} sentences, "
      f"{counts.get('boilerplate', 0)} boilerplate lines (never coded).")
seed[["unit", "kind", "frames", "speakers", "source_types", "cues", "text"]].style.hide(axis="index").set_properties(
    subset=["text"], **{"text-align": "left", "min-width": "22em"}
)

# %% [markdown]
# The same coding as a reading view: each unit tinted by its frames, its speaker, source type and cue in a
# badge after it. (`make study` writes such a page for every coded article into `reports/articles/`.)

# %%
display(HTML(reports.reading_view_html(seed, subtitle="Sputnik, 2022-02-03 · reference coding", standalone=False)))

# %% [markdown]
# ## Frames in the article

# %%
compare.frame_shares(seed, by="outlet")

# %% [markdown]
# ## Who is quoted with which frame
#
# One row per speaker (narration is the outlet's own voice); the count columns give how many of the speaker's
# units carry each frame.

# %%
compare.speaker_frames(seed)

# %%
speaker_shares = seed.pipe(compare.explode_sources).pipe(compare.frame_shares, by="speaker")
speaker_order = compare.speaker_frames(seed)["speaker"].tolist()
ax = plots.plot_share_heatmap(speaker_shares, rows="speaker", columns="frame", row_order=speaker_order,
                              title="Seed article: frames by speaker (reference coding)")
plots.save_figure(ax.figure, "seed_frames_by_speaker", folder=FIGURES)
display(ax.figure)

# %% [markdown]
# ## Machine coding

# %%
coded = study.load_machine_coding(DATA)
machine = coded[coded["article_id"] == seed["article_id"].iloc[0]]
machine[["unit", "kind", "frames", "speakers", "source_types", "cues", "polarity", "text"]].style.hide(axis="index").format(
    precision=2
).set_properties(subset=["text"], **{"text-align": "left", "min-width": "22em"})

# %%
display(HTML(reports.reading_view_html(machine, subtitle="Sputnik, 2022-02-03 · machine coding", standalone=False)))

# %% [markdown]
# ## Sentiment by speaker
#
# TextBlob polarity (-1 to 1) of each unit, from the machine coding, grouped by the speakers of the reference
# coding. TextBlob's lexicon was built on product reviews: in news copy most sentences score near 0 and a
# difference of a few hundredths means nothing; read the ranges, not only the means.

# %%
by_speaker = seed.pipe(compare.attach_sentiment, machine).pipe(compare.sentiment_by_speaker)
by_speaker

# %%
ax = plots.plot_sentiment(by_speaker, title="Seed article: polarity by speaker (TextBlob)")
plots.save_figure(ax.figure, "seed_sentiment_by_speaker", folder=FIGURES)
display(ax.figure)

# %% [markdown]
# ## The machine coding against the reference
#
# Scores over the seed's headlines and sentences (notebook 3 explains the measures). With so few units, one
# unit more or less moves a score by several points.

# %%
evaluate.frame_scores(seed, machine)

# %%
evaluate.source_scores(seed, machine)

# %% [markdown]
# What it gets wrong, unit by unit: every unit where the machine's frames or source types differ from the reference.

# %%
aligned = evaluate.unit_agreement(seed, machine)
print(f"Frames agree on {int(aligned['frames_agree'].sum())} of {len(aligned)} units; "
      f"source types on {int(aligned['sources_agree'].sum())}.")
aligned.loc[~(aligned["frames_agree"] & aligned["sources_agree"]),
            ["unit", "ref_frames", "coded_frames", "ref_speakers", "coded_speakers", "ref_source_types",
             "coded_source_types", "text"]]

# %% [markdown]
# And what it gets right:

# %%
aligned.loc[aligned["frames_agree"] & aligned["sources_agree"], ["unit", "ref_frames", "ref_speakers", "text"]]
