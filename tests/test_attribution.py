"""Tests for framing.attribution: the codebook's "Sources (attribution)" rules.

Every sentence here was written for these tests, in the styles of wire copy,
broadcast transcripts, state media, NGO statements and local reporting, about
the Atmeh raid and about other strikes and events (a hold-out set: none of it
was taken from an article).
"""

from __future__ import annotations

import time

import pandas as pd
import pytest

from framing.attribution import (
    ATTRIBUTION_COLUMNS,
    attribute,
    attribute_text,
    explain,
    read_cues,
    read_gazetteer,
    source_types,
)
from framing.errors import InputError
from framing.units import _frame, units_from_text


def one(text: str, kind: str = "sentence") -> tuple[str, str, str]:
    units = pd.DataFrame(
        {"article_id": ["t"], "unit": [0], "kind": [kind], "paragraph": [0 if kind == "headline" else 1], "text": [text]}
    )
    row = attribute(units).iloc[0]
    return row["speakers"], row["source_types"], row["cues"]


def article(text: str) -> pd.DataFrame:
    return attribute(_frame(units_from_text(text, article_id="a")))


# --------------------------------------------------------------- hold-out set
# (sentence, expected speakers, expected source_types, expected cues)
SENTENCES = [
    # --- wire copy about the raid
    ('"The operation was a success," Kirby said.', "John Kirby", "us_government", "say"),
    ('"We are still gathering facts," said Pentagon press secretary John Kirby.', "John Kirby", "us_government", "say"),
    ('Biden said: "Thanks to the bravery of our troops, this horrible terrorist leader is no more."', "Joe Biden", "us_government", "say"),
    ('"We will," Kirby said, "look into any credible reports of civilian harm."', "John Kirby", "us_government", "say"),
    ("President Joe Biden said the raid removed a major terrorist threat.", "Joe Biden", "us_government", "say"),
    ("Biden told the nation from the White House that the leader detonated a bomb.", "Joe Biden", "us_government", "tell"),
    ("The Pentagon said no US troops were hurt in the assault.", "Pentagon", "us_government", "say"),
    ("A senior administration official told reporters the house had been watched for months.", "senior administration official", "us_government", "tell"),
    ("Two US officials said the helicopters flew in from a base in Iraq.", "US officials", "us_government", "say"),
    ("US officials said 13 people died, including children.", "US officials", "us_government", "say"),
    ("At least 13 people were killed, according to the White Helmets.", "White Helmets", "un_or_ngo", "according to"),
    ("At least 13 people were killed, according to first responders.", "first responders", "un_or_ngo", "according to"),
    ("The toll includes six children and four women, according to the Syrian Observatory for Human Rights.", "Syrian Observatory for Human Rights", "un_or_ngo", "according to"),
    ("Rami Abdel Rahman, who heads the Observatory, said the dead included two militants.", "Rami Abdel Rahman", "un_or_ngo", "say"),
    ("Residents said the gunfire lasted for almost two hours.", "residents", "local_witness", "say"),
    ("Witnesses described hearing loudspeakers urging families to leave.", "witnesses", "local_witness", "describe"),
    ("Activists said the house belonged to a man from Aleppo.", "activists", "local_witness", "say"),
    ("Local sources told the agency that the helicopters landed near olive groves.", "local sources", "local_witness", "tell"),
    ("Reports say the leader had lived in the house for nearly a year.", "reports", "media", "say"),
    ("The raid took place overnight, according to reports.", "reports", "media", "according to"),
    ("The house was reportedly rented by a taxi driver.", "", "unattributed", ""),
    ("It was reported that the family had arrived from Iraq.", "", "unattributed", ""),
    ("Biden ordered the raid on Tuesday.", "", "unattributed", ""),
    ("Biden announced the death of the leader in a televised address.", "Joe Biden", "us_government", "announce"),
    ("The leader blew himself up as US forces closed in.", "", "unattributed", ""),
    ("ATMEH, Syria (AP) — US special forces raided a house in northwestern Syria.", "", "unattributed", ""),
    ("AFP quoted Biden as claiming that the leader had killed his own family.", "AFP;Joe Biden", "media;us_government", "quote;claim"),
    ("The Syrian military confirmed to Sputnik that 11 people had died.", "Syrian military", "syrian_government", "confirm"),
    ("Pentagon spokesman John Kirby has insisted that the terrorists caused the deaths.", "John Kirby", "us_government", "insist"),
    ("Kirby claimed the leader chose to kill his family.", "John Kirby", "us_government", "claim"),
    # --- metonyms and states
    ("Moscow has demanded an investigation into the raid.", "Russian government", "russian_government", "demand"),
    ("Damascus condemned the operation as a violation of sovereignty.", "Syrian government", "syrian_government", "condemn"),
    ("Washington said it had informed Ankara in advance.", "US government", "us_government", "say"),
    ("Ankara denied that it had been told about the operation.", "Turkish government", "turkish_government", "deny"),
    ("Turkish officials said they had not been involved.", "Turkish officials", "turkish_government", "say"),
    ("Syria's UN envoy Bassam Sabbagh said the raid breached international law.", "Bassam Sabbagh", "syrian_government", "say"),
    # a possessive state is named by its adjective, as the reference names bodies ("Syrian Foreign Ministry")
    ("Iran's foreign ministry said the US had no right to operate in Syria.", "Iranian foreign ministry", "other_government", "say"),
    ("The Kremlin said it was studying the reports.", "Kremlin", "russian_government", "say"),
    ("The US and Turkey have denied the accusations.", "US government;Turkish government", "us_government;turkish_government", "deny;deny"),
    # --- UN, NGOs, experts, militants, media
    ("UNICEF said at least six children were among the dead.", "UNICEF", "un_or_ngo", "say"),
    ("A spokesperson for Save the Children said the charity was horrified.", "Save the Children", "un_or_ngo", "say"),
    ("UN spokesman Farhan Haq told reporters that civilians must be protected.", "Farhan Haq", "un_or_ngo", "tell"),
    ("Secretary-General Antonio Guterres expressed concern about the deaths of children.", "Antonio Guterres", "un_or_ngo", "express"),
    ("Human Rights Watch urged the Pentagon to publish its findings.", "Human Rights Watch", "un_or_ngo", "urge"),
    ("Analyst Dana Whitfield of the Meridian Institute said the group would name a successor quickly.", "Dana Whitfield", "expert", "say"),
    ("Experts said the killing would not end the insurgency.", "experts", "expert", "say"),
    ("A former US official said the intelligence had been solid.", "former US official", "expert", "say"),
    ("Rep. Adam Smith praised the troops who carried out the mission.", "Adam Smith", "us_government", "praise"),
    ("Sen. Marlow Briggs said Congress should be briefed.", "Marlow Briggs", "us_government", "say"),
    ("Democrats praised the operation.", "Democrats", "us_government", "praise"),
    ("The SDF said it had shared intelligence with the coalition.", "Syrian Democratic Forces", "militant", "say"),
    ("Al Jazeera reported that the bodies were taken to a hospital in Atmeh.", "Al Jazeera", "media", "report"),
    ("Reuters reported that the helicopters took off from Kobani.", "Reuters", "media", "report"),
    # "has not commented" reports that no speech happened: not attribution (codebook: a source merely
    # mentioned, not reported as saying anything, does not make a unit attributed)
    ("Islamic State has not commented on the death of its leader.", "", "unattributed", ""),
    ("The coalition said the operation was conducted with care.", "coalition", "other_government", "say"),
    ("Israeli Prime Minister Naftali Bennett congratulated Biden on the operation.", "Naftali Bennett", "other_government", "congratulate"),
    # --- state media and distancing
    ("SANA claimed that US helicopters shelled civilian homes.", "SANA", "syrian_government", "claim"),
    ("The Russian Foreign Ministry alleged that Washington was shielding terrorists.", "Russian Foreign Ministry", "russian_government", "allege"),
    ("Zakharova stressed that the raid must be investigated.", "Maria Zakharova", "russian_government", "stress"),
    ("Russian Foreign Ministry spokeswoman Maria Zakharova said civilian deaths must be investigated.", "Maria Zakharova", "russian_government", "say"),
    ("Tehran has accused Washington of hypocrisy.", "Iranian government", "other_government", "accuse"),
    # --- local reporting
    ("Ahmed, a resident of Atmeh, said he woke to the sound of helicopters.", "Ahmed", "local_witness", "say"),
    ('"The children were screaming," said Umm Khaled, who lives next door.', "Umm Khaled", "local_witness", "say"),
    ("A neighbour told AFP that the family kept to themselves.", "neighbour", "local_witness", "tell"),
    ("Eyewitnesses recalled seeing bodies carried from the rubble.", "eyewitnesses", "local_witness", "recall"),
    ("Rescue workers said they pulled two survivors from the debris.", "rescue workers", "un_or_ngo", "say"),
    ("The building owner told local media he had no idea who his tenant was.", "building owner", "local_witness", "tell"),
    # --- other events (generalisation)
    ("The Israeli army said its jets struck weapons depots near Damascus.", "Israeli army", "other_government", "say"),
    ("Iraqi security forces condemned the attack on the prison.", "Iraqi security forces", "other_government", "condemn"),
    ("Kurdish forces said they had recaptured the prison in Hasakah.", "Kurdish forces", "militant", "say"),
    ("Amnesty International called for an independent inquiry into the strike in Mali.", "Amnesty International", "un_or_ngo", "call"),
    ("Hospital officials in Gaza said 19 people were wounded.", "hospital officials", "un_or_ngo", "say"),
    ("Doctors at the clinic reported treating dozens of people for burns.", "doctors", "un_or_ngo", "report"),
    ("French President Emmanuel Macron vowed to keep troops in the Sahel.", "Emmanuel Macron", "other_government", "vow"),
    ("The Taliban denied that the commander had been in Kabul.", "Taliban", "militant", "deny"),
    # --- headlines
    ("Moscow: Civilian Deaths in US Raid Must Be Investigated", "Russian government", "russian_government", "headline"),
    ("Biden says IS leader killed in US raid in Syria", "Joe Biden", "us_government", "say"),
    ("IS leader blew himself up during raid, Biden says", "Joe Biden", "us_government", "say"),
    ("'Strong indications' IS leader killed family in raid -Pentagon", "Pentagon", "us_government", "headline"),
    ("Biden Claims Daesh Leader Blew Himself Up", "Joe Biden", "us_government", "claim"),
    ("US raid in Syria kills 13, including children", "", "unattributed", ""),
    ("The Latest: Biden to speak about Syria raid", "", "unattributed", ""),
    ("White Helmets: 13 killed in Atmeh raid", "White Helmets", "un_or_ngo", "headline"),
    ("UN chief voices concern over civilian deaths in Syria raid", "UN chief", "un_or_ngo", "voice"),
]


# rules learned from the mechanics of PolNeAR's train split (sentences written here)
MORE_SENTENCES = [
    ("''We will rebuild,'' said Ms. Haddad, a teacher in the village.", "Haddad", "local_witness", "say"),
    ("The Observatory reported heavy fighting overnight, saying that 13 people were killed.", "Syrian Observatory for Human Rights", "un_or_ngo", "report"),
    # "governor" is a government title since round 2; no state named -> other_government
    ("The governor toured the site, warning that more storms were coming.", "governor", "other_government", "warn"),
    ("The raid ended at dawn, killing 13 people.", "", "unattributed", ""),
    ("Tuesday's Morning Briefing: Storm hits coast", "", "unattributed", ""),
]


@pytest.mark.parametrize("sentence,speakers,types,cues", MORE_SENTENCES)
def test_more_sentences(sentence, speakers, types, cues):
    kind = "headline" if sentence.startswith("Tuesday") else "sentence"
    assert one(sentence, kind) == (speakers, types, cues)


def _kind(sentence: str) -> str:
    headlines = {s for s, *_ in SENTENCES[-9:]}
    return "headline" if sentence in headlines else "sentence"


@pytest.mark.parametrize("sentence,speakers,types,cues", SENTENCES)
def test_holdout_sentence(sentence, speakers, types, cues):
    assert one(sentence, _kind(sentence)) == (speakers, types, cues)


def test_holdout_is_large_enough():
    assert len(SENTENCES) >= 80


# ------------------------------------------------------------ multi-unit tests
QUOTE_ACROSS_UNITS = (
    "Pentagon details raid\n\n"
    "Defense Secretary Lloyd Austin spoke on Thursday.\n"
    '"This operation was planned with great care. We took every step to spare the family. '
    'But the terrorist chose otherwise," Austin said.\n'
    "The raid lasted two hours."
)


def test_quote_spanning_units_goes_to_the_tag():
    coded = article(QUOTE_ACROSS_UNITS)
    body = coded[coded["kind"] == "sentence"]
    assert body["speakers"].tolist() == ["", "Lloyd Austin", "Lloyd Austin", "Lloyd Austin", ""]
    assert body["cues"].tolist()[1:4] == ["say"] * 3
    assert "carry-over quote" in body["attribution_evidence"].iloc[1]


QUOTE_ACROSS_PARAGRAPHS = (
    "Witness recalls night of raid\n\n"
    'Abu Hassan, a resident of Atmeh, said: "The first blast woke the whole street.\n'
    '"Then we heard them calling on the family to come out.\n'
    '"Nobody came out."\n'
    "The army later sealed off the road."
)


def test_quote_running_over_paragraphs_keeps_its_speaker():
    coded = article(QUOTE_ACROSS_PARAGRAPHS)
    body = coded[coded["kind"] == "sentence"]
    assert body["speakers"].tolist() == ["Abu Hassan"] * 3 + [""]
    assert body["source_types"].tolist()[:3] == ["local_witness"] * 3


PRONOUNS_ACROSS_PARAGRAPHS = [
    (
        "Kremlin reacts\n\nRussian Foreign Ministry spokeswoman Maria Zakharova held her weekly briefing on Thursday.\n"
        '"Civilian deaths must be investigated," she said.',
        ["", "Maria Zakharova"],
        "pronoun->Maria Zakharova",
    ),
    (
        "Briefing\n\nPentagon press secretary John Kirby briefed reporters.\n"
        "The spokesman said the helicopters had been on the ground for two hours.",
        ["John Kirby", "John Kirby"],
        "description->John Kirby",
    ),
    (
        "Raid\n\nPresident Joe Biden ordered the raid last week.\nHe told reporters the leader had been a threat.",
        ["", "Joe Biden"],
        "pronoun->Joe Biden",
    ),
    (
        "Envoy\n\nSyria's UN envoy Bassam Sabbagh addressed the council.\nSabbagh said the raid was illegal.",
        ["", "Bassam Sabbagh"],
        "",
    ),
]


@pytest.mark.parametrize("text,speakers,evidence", PRONOUNS_ACROSS_PARAGRAPHS)
def test_back_reference_across_paragraphs(text, speakers, evidence):
    coded = article(text)
    body = coded[coded["kind"] == "sentence"]
    assert body["speakers"].tolist() == speakers
    assert evidence in body["attribution_evidence"].iloc[-1]


TRANSCRIPT = (
    "Department of Defense Press Briefing\n\n"
    "MR. KIRBY: Good afternoon. Let me start with the operation in Syria.\n"
    "It was conducted with great care.\n"
    "Q: How many civilians died?\n"
    "MR. KIRBY: We don't have a number yet. We are looking at it.\n"
)


def test_transcript_turns():
    coded = article(TRANSCRIPT)
    body = coded[coded["kind"] == "sentence"]
    assert body["speakers"].tolist() == ["John Kirby"] * 3 + ["reporter"] + ["John Kirby"] * 2
    assert set(body["cues"]) == {"transcript"}
    assert body["source_types"].tolist()[3] == "media"


BROADCAST = (
    "Morning news\n\n"
    "ANA FERREIRA, HOST: Good morning. We turn now to Syria.\n"
    "TOMAS REYES, BYLINE: Ana, residents say the shooting went on for two hours.\n"
)


def test_broadcast_transcript_names_host_and_reporter_media_and_keeps_inner_sources():
    coded = article(BROADCAST)
    body = coded[coded["kind"] == "sentence"]
    assert body["speakers"].tolist() == ["Ana Ferreira", "Ana Ferreira", "Tomas Reyes;residents"]
    assert body["source_types"].tolist()[-1] == "media;local_witness"
    assert body["cues"].tolist()[-1] == "transcript;say"


def test_a_single_capitalised_dateline_is_not_a_transcript_turn():
    coded = article("Raid\n\nBEIRUT: US forces raided a house in Syria, residents said.\nThe raid lasted two hours.")
    assert coded["speakers"].tolist()[1:] == ["residents", ""]


def test_the_two_countries_points_back_to_the_governments_named_before():
    coded = article(
        "Syria\n\nDamascus has accused the US and Turkey of backing militants. The two countries have dismissed the allegations."
    )
    last = coded.iloc[-1]
    assert (last["speakers"], last["source_types"], last["cues"]) == (
        "US government;Turkish government",
        "us_government;turkish_government",
        "dismiss;dismiss",
    )


@pytest.mark.xfail(reason="'the two sides' after a sentence with only one named state is not resolved")
def test_two_sides_with_one_named_state():
    coded = article("Talks\n\nRussia met the rebels in Astana. The two sides said the talks went well.")
    assert coded.iloc[-1]["speakers"] == "Russian government;rebels"


@pytest.mark.xfail(reason="a speaker named only after a pronoun (cataphora) is not resolved")
def test_cataphora():
    coded = article('Raid\n\n"We did everything we could," said the general. Gen. Kenneth McKenzie spoke in Tampa.')
    assert coded.iloc[1]["speakers"] == "Kenneth McKenzie"


# ------------------------------------------------------------- distancing
DISTANCING = [
    ("Kirby claimed the family died by the leader's own hand.", True),
    ("SANA alleged that the helicopters fired on homes.", True),
    ("Kirby said the family died by the leader's own hand.", False),
    ("Biden announced the leader's death.", False),
    ("Moscow insisted the raid was illegal.", True),
]


@pytest.mark.parametrize("sentence,expected", DISTANCING)
def test_distancing(sentence, expected):
    units = pd.DataFrame({"article_id": ["t"], "unit": [0], "kind": ["sentence"], "paragraph": [1], "text": [sentence]})
    assert bool(attribute(units)["distancing"].iloc[0]) is expected


# ------------------------------------------------------------ contract
def test_output_columns_and_boilerplate():
    units = _frame(units_from_text("Biden says leader dead\n\nKirby said so.\nDiscuss", article_id="a"))
    coded = attribute(units)
    assert list(coded.columns) == list(units.columns) + ATTRIBUTION_COLUMNS
    boiler = coded[coded["kind"] == "boilerplate"].iloc[0]
    assert (boiler["speakers"], boiler["source_types"], boiler["cues"], boiler["distancing"]) == ("", "", "", False)
    assert coded["distancing"].dtype == bool
    assert "speakers" not in units.columns  # a new frame, the input untouched


def test_several_articles_do_not_share_state():
    a = units_from_text("T\n\nRussian Foreign Ministry spokeswoman Maria Zakharova spoke.", article_id="a")
    b = units_from_text('T\n\n"It must be investigated," she said.', article_id="b")
    coded = attribute(_frame(a + b))
    assert coded["speakers"].tolist()[-1] == ""


def test_empty_table():
    coded = attribute(_frame([]))
    assert coded.empty and list(coded.columns)[-5:] == ATTRIBUTION_COLUMNS


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        '"""" said said said',
        "“unbalanced ” ” ” quotes « said Kirby",
        "\u202e\U0001F600 ☃ said ☃" * 50,
        "said " * 20000,
        'He said "' + "x, said Kirby, " * 7000,
        "Q: " * 1000,
        "\x00\x01\x02 according to",
        "according to",
        ", , , said",
    ],
)
def test_never_raises(text):
    units = pd.DataFrame(
        {"article_id": ["x"] * 3, "unit": [0, 1, 2], "kind": ["headline", "sentence", "sentence"], "paragraph": [0, 1, 1], "text": [text] * 3}
    )
    coded = attribute(units)
    assert len(coded) == 3
    for types, speakers in zip(coded["source_types"], coded["speakers"]):
        assert len(types.split(";")) == max(1, len(speakers.split(";")))


def test_missing_column_is_input_error():
    with pytest.raises(InputError, match="text"):
        attribute(pd.DataFrame({"article_id": ["a"], "kind": ["sentence"]}))


def test_edited_gazetteer_as_dataframe():
    gaz = read_gazetteer()
    extra = pd.DataFrame([{"alias": "Kobani", "canonical": "Kobani council", "source_type": "militant", "gender": "", "roles": "", "why": "test"}])
    edited = pd.concat([gaz, extra], ignore_index=True)
    units = pd.DataFrame({"article_id": ["t"], "unit": [0], "kind": ["sentence"], "paragraph": [1], "text": ["Kobani said the raid was coordinated."]})
    assert attribute(units, gazetteer=edited)["speakers"].iloc[0] == "Kobani council"


def test_bad_gazetteer_type_is_input_error():
    bad = pd.DataFrame([{"alias": "X", "canonical": "X", "source_type": "aliens", "gender": ""}])
    with pytest.raises(InputError, match="source_type"):
        attribute(_frame([]), gazetteer=bad)


def test_bad_cue_table_is_input_error():
    bad = read_cues().assign(distancing="maybe")
    with pytest.raises(InputError, match="distancing"):
        attribute(_frame([]), cues=bad)


def test_resources_are_well_formed():
    types = source_types()
    assert types[-1] == "unattributed" and len(types) == 11
    gaz = read_gazetteer()
    assert set(gaz["source_type"]) <= set(types)
    assert not gaz["alias"].duplicated().any()
    assert (gaz["why"].str.len() > 0).all()
    cues = read_cues()
    assert not cues["lemma"].duplicated().any()
    assert (cues["why"].str.len() > 0).all()


def test_explain_and_attribute_text():
    e = explain('Raid\n\n"We will look into it," the Pentagon said.')
    assert e.columns.tolist() == ["unit", "kind", "text", *ATTRIBUTION_COLUMNS]
    assert e["attribution_evidence"].iloc[1] == "quote-tag-after"
    assert attribute_text("Biden says leader dead")["cues"].tolist() == ["say"]


def test_speed():
    texts = [s for s, *_ in SENTENCES]
    n = 2000
    units = pd.DataFrame(
        {
            "article_id": [f"a{i // 20}" for i in range(n)],
            "unit": [i % 20 for i in range(n)],
            "kind": ["sentence"] * n,
            "paragraph": [(i % 20) // 2 + 1 for i in range(n)],
            "text": [texts[i % len(texts)] for i in range(n)],
        }
    )
    attribute(units.head(20))
    start = time.perf_counter()
    attribute(units)
    per_sentence = (time.perf_counter() - start) / n
    assert per_sentence < 1e-3  # generous for slow CI machines; the report gives the measured figure


# ------------------------------------------------- round 2: mechanisms found on the development set
# (sentence, expected speakers, source_types, cues); written for these tests, one mechanism per group.
MECHANISM_SENTENCES = [
    # negated speech verbs report no speech
    ("The Kremlin has not commented on the deaths.", "", "unattributed", ""),
    ("Hezbollah did not immediately comment on the strike near Qusayr.", "", "unattributed", ""),
    ("The ministry never said who fired the rockets.", "", "unattributed", ""),
    # a question asks, it does not report ("Was X told")
    ("Was Jordan informed before the strike?", "", "unattributed", ""),
    ("Did the Pentagon say how many troops took part?", "", "unattributed", ""),
    # a listener-taking cue with no listener is not speech
    ("The commander kept the minister informed during the operation.", "", "unattributed", ""),
    # relative pronouns: the antecedent speaks
    ("The Iraqi government, which says the strike breached its airspace, summoned the envoy.", "Iraqi government", "other_government", "say"),
    ("Shopkeepers who stayed open say the market has been empty for days.", "shopkeepers", "local_witness", "say"),
    # appositive chains: ages, relative clauses, adverbials and "known as"
    ("Umm Yasser, 61, who sells bread near the mosque, said the blast shattered her windows.", "Umm Yasser", "local_witness", "say"),
    ("Syria Civil Defence, through its spokesman, said four people were pulled from the rubble.", "White Helmets", "un_or_ngo", "say"),
    ("Local rescuers, known as the White Helmets, said the fire burned for hours.", "White Helmets", "un_or_ngo", "say"),
    # a fronted adverbial is not part of the subject
    ("In 2019 the Pentagon acknowledged that a strike in Baghuz had killed civilians.", "Pentagon", "us_government", "acknowledge"),
    # coordinated verbs share the subject
    ("Iraq's Defence Ministry condemned the strike and said it had not been consulted.", "Iraqi Defence Ministry", "other_government", "condemn"),
    # a name in apposition after an inverted tag, or after "quoted"
    ('"They came at night," says the shop owner\'s nephew, Karim Haddad, sweeping glass from the floor.', "Karim Haddad", "local_witness", "say"),
    ("Reuters quoted the province's deputy governor, Omar Farah, as saying that two soldiers died.", "Reuters;Omar Farah", "media;other_government", "quote;say"),
    # a document speaks for its author
    ("No civilians were hurt, according to a statement from U.S. Central Command.", "US Central Command", "us_government", "according to"),
    ("A Human Rights Watch report described the camp as a prison.", "Human Rights Watch", "un_or_ngo", "describe"),
    # members speak for their group
    ("Volunteers with the White Helmets said the shelter had collapsed.", "White Helmets", "un_or_ngo", "say"),
    # the first body named, not the place after it
    ("Two shells hit Saraqeb, according to the Russian Reconciliation Center for Syria.", "Russian Reconciliation Center", "russian_government", "according to"),
    # unqualified government roles take the state named in the unit
    # (named as the article calls them, codebook: "officials", not "Kenyan officials"; a ministry keeps its state)
    ("Kenyan troops backed by US drones killed six fighters near the border, officials said.", "officials", "other_government", "say"),
    ("A US drone struck a truck in Yemen's Shabwa province, local officials said.", "local officials", "other_government", "say"),
    ("Officials said the convoy was hit twice.", "officials", "us_government", "say"),
    # organisation words make an unknown name an organisation
    ("Northern Syria Relief Network said three clinics had closed.", "Northern Syria Relief Network", "un_or_ngo", "say"),
    # a contracted "be" is not a name and "welcome" is not speech
    ("You're welcome.", "", "unattributed", ""),
]


@pytest.mark.parametrize("sentence,speakers,types,cues", MECHANISM_SENTENCES)
def test_mechanism_sentence(sentence, speakers, types, cues):
    # names compared as the evaluation compares them (case-insensitively)
    assert one(sentence) == (speakers, types, cues) or [x.casefold() for x in one(sentence)] == [speakers.casefold(), types, cues]


def body_codes(text: str) -> list[tuple[str, str, str]]:
    coded = article(text)
    return [tuple(r) for r in coded.loc[coded["kind"] != "headline", ["speakers", "source_types", "cues"]].values.tolist()]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a quotation resumed after its tag in the same paragraph stays with the tagged speaker
        (
            'Strike hits market\n\n"The roof fell in," said Salma Idris, a doctor at the clinic. "We carried the '
            'children out. Two of them were bleeding."\nThe governor said an inquiry would follow.',
            [("Salma Idris", "un_or_ngo", "say")] * 3 + [("governor", "other_government", "say")],
        ),
        # an embedded tweet is its author's; the author's type comes from the earlier introduction
        (
            "Raid in Sarmada\n\nA local reporter, Lina Haddad, shared pictures of the house.\n"
            "The walls are black. Nobody is left inside. pic.twitter.com/abc123 — Lina Haddad (@linahaddad) March 4, 2022",
            [("", "unattributed", "")] + [("Lina Haddad", "media", "tweet")] * 3,
        ),
        # a dateline's capital names the state of an unqualified ministry; "the organisation" points back
        (
            "Ministry condemns raid\n\nANKARA – The Foreign Ministry said the operation violated an agreement.\n"
            "Save the Children said schools were closed. The organisation is calling for a ceasefire.",
            [("Turkish Foreign Ministry", "turkish_government", "say"), ("Save the Children", "un_or_ngo", "say"),
             ("Save the Children", "un_or_ngo", "call")],
        ),
        # "the group" points back to the armed group a statement came from
        (
            "Militia vows revenge\n\nThree fighters died, according to a statement from the group Liwa al-Fajr.\n"
            "The strike was a crime, the group said.",
            [("Liwa al-Fajr", "militant", "according to"), ("Liwa al-Fajr", "militant", "say")],
        ),
    ],
)
def test_mechanism_article(text, expected):
    # names compared as the evaluation compares them (case-insensitively)
    fold = lambda rows: [(sp.casefold(), ty, cu) for sp, ty, cu in rows]  # noqa: E731
    assert fold(body_codes(text)) == fold(expected)


# ------------------------------------------------- fast paths match their plain definitions
# Each speed-up keeps a plain definition (a regex) it must agree with; these tables hold the
# characters where the two could part: spaces that str.isspace counts but re.ASCII does not,
# underscores, initialisms, curly apostrophes, and the letters case-folding treats specially.
import random  # noqa: E402
import re  # noqa: E402

from framing import attribution as _attr  # noqa: E402

TOKEN_CASES = [
    "Syria's Foreign Ministry said",
    "U.S. officials, Sen. Graham and Mr. Kirby",
    "the al-Qurayshi family\x1cwhitehouse.gov\x1f___ said",
    "Biden’s envoy\xa0— “quoted” — said_so",
    "  __  ",
    "",
    "Kelvin\u212a and ıstanbul ſaid",
]


@pytest.mark.parametrize("text", TOKEN_CASES)
def test_tokens_equal_the_token_pattern(text):
    assert _attr._tokens(text) == _attr._TOKEN.findall(text)
    assert _attr._last_token(text) == _attr._TOKEN.findall(text)[-1:]


def test_tokens_equal_the_token_pattern_on_random_text():
    rng = random.Random(7)
    alphabet = list("abXY .,'’-_\x01\x1c\t\xa0“é") + ["U.S.", "Sen.", "said"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert _attr._tokens(text) == _attr._TOKEN.findall(text), repr(text)
        assert _attr._last_token(text) == _attr._TOKEN.findall(text)[-1:], repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "Syrian Foreign Ministry spokesman",
        "SENIOR OFFICIALS and a u.s. Official",
        "the ex- minister, Russia’s envoy",
        "ſenator and mınister",  # long s and dotless i: matched only case-insensitively
        "\u212aurdish officials",  # the Kelvin sign lower-cases to k
        "İstanbul officials",  # lower-casing lengthens the text
        "ΣΑΣ officials",  # final sigma
    ],
)
def test_title_matches_equal_the_case_insensitive_pattern(text):
    titles = _attr._titles()
    expected = [(m.start(), m.end(), m.group(0).lower()) for m in titles.pattern.finditer(text)]
    assert _attr._title_matches(titles, text) == expected


def test_fold_only_characters_are_all_there_are():
    # the characters IGNORECASE matches to an ASCII letter although their lower case (one character:
    # a longer one is caught by the length check) is not ASCII: what _title_matches must route to
    # the case-insensitive pattern
    letter = re.compile(r"[a-z]", re.I).fullmatch
    found = [
        chr(i) for i in range(0x80, 0x110000)
        if letter(chr(i)) and len(chr(i).lower()) == 1 and not chr(i).lower().isascii()
    ]
    assert sorted(found) == sorted(_attr._FOLD_ONLY)


def _whole_window_subject(masked, start):
    coder = _attr._Coder(*_attr._resources("speakers.tsv", "cues.tsv"))
    lo = max(0, start - _attr.LEFT_WINDOW)
    return coder._subject_in(_attr._tokens(masked[lo:start]), masked, start, 1, complete=True)


def _subject(masked, start):
    coder = _attr._Coder(*_attr._resources("speakers.tsv", "cues.tsv"))
    return coder._left_subject(masked, start, 1, False)


SUBJECT_CASES = [
    # long left context, so the near window is tried first; each ends where the cue starts
    "After a long night of heavy fighting around the town that lasted until dawn, the Pentagon spokesman, John Kirby, ",
    "After a long night of heavy fighting around the town that lasted until dawn, residents who stayed ",
    "After a long night of heavy fighting around the town that lasted until dawn, Syria's government, which ",
    "After a long night of heavy fighting around the town that lasted until dawn, in the past the ministry has in the past ",
    "After a long night of heavy fighting around the town that lasted until dawn the Russian Foreign Ministry spokeswoman Maria Zakharova ",
    "\x01" * 120 + ", ",
    "\x01" * 120 + " the minister ",
    "The raid was described in a long statement by officials of the US-led coalition on Thursday, and they " ,
    "Abu Khaled, 54, who owns a shop near the house that was hit in the raid on Thursday night, ",
    "The organisation, which has monitored the war in Syria since it began in 2011 with a network of sources, is ",
    "Reporters asked whether the strike in the northwestern province near the Turkish border was legal; Kirby and Austin ",
]


@pytest.mark.parametrize("masked", SUBJECT_CASES)
def test_left_subject_equals_the_whole_window(masked):
    assert _subject(masked, len(masked)) == _whole_window_subject(masked, len(masked))


# (masked text, cue start): the near window's tokens run out inside the auxiliary walk, so it retries
SUBJECT_CASES_AT = [
    # a long token fills the near window: one token before the cue ("in the past" needs three)
    ("After a long night of heavy fighting around the town that lasted until dawn, " + "x" * 60 + " Kirby said", -4),
    # a progressive whose adverbs use up the near window's tokens
    ("After a long night of heavy fighting around the town that lasted until dawn, the group " + "y" * 52
     + " now still is calling for calm", -16),
]


@pytest.mark.parametrize("masked,back", SUBJECT_CASES_AT)
def test_left_subject_equals_the_whole_window_when_the_near_tokens_run_out(masked, back):
    start = len(masked) + back
    assert _subject(masked, start) == _whole_window_subject(masked, start)


def test_left_subject_equals_the_whole_window_on_random_text():
    rng = random.Random(11)
    words = ["the", "Pentagon", "said", "who", "which", ",", ",", "and", "Kirby", "in", "past", "has", "officials",
             "\x01\x01\x01", "U.S.", "is", "a", "spokesman", "Abu", "Khaled", "54", ".", "-", "to", "will", "not"]
    for _ in range(3000):
        masked = " ".join(rng.choice(words) for _ in range(rng.randint(10, 60))) + " "
        start = len(masked)
        assert _subject(masked, start) == _whole_window_subject(masked, start), repr(masked)


@pytest.mark.parametrize(
    "text",
    ["MR.", "  MS. ", "MRS.\n", "DR.\x1c", "SEN.\xa0", "REP. KIRBY", "Mr.", "MR", "GEN..", "\tCOL.\t\n", "ADM.\n\n", "", "  "],
)
def test_honorific_stubs_equal_the_stub_pattern(text):
    assert (text.strip() in _attr._HONORIFIC_STUBS) == bool(_attr._HONORIFIC_STUB.match(text))


def test_every_full_name_is_filed_under_its_surname():
    # _person looks a surname up directly in state.names: every remembered full name must be there
    text = (
        "Officials speak\n\nPentagon spokesman John Kirby said the raid went well. Residents said they heard "
        "blasts.\n\nA local journalist, Hadi Mansour, said the house was hit. Mansour added that two "
        "children died.\n\nAbu Khaled, 54, who owns a shop, said he saw it. Kirby said again it was legal."
    )
    from framing.units import units_from_text
    coder = _attr._Coder(*_attr._resources("speakers.tsv", "cues.tsv"))
    units = units_from_text(text, article_id="a")
    coder.article([u["text"] for u in units], [u["kind"] for u in units], [u["paragraph"] for u in units])
    names = coder.state.names
    assert any(" " in k for k in names)
    for key in names:
        if " " in key:
            assert key.split()[-1] in names, key


def _cue_forms_plain(cues, text):
    # the plain definition: every form as a whole word (no letter, digit, "_" or "-" on either side)
    return [(m.start(), m.end(), m.group(0)) for m in cues.pattern.finditer(text)]


CUE_SCAN_CASES = [
    "said the ministry, which says it was told.",
    "Said Kirby; officials said-so and un-said it, saying: “we said”",
    "pointed out, pointed,out and pointed  out, lashed\tout",  # a gap other than one space inside a form
    "José said; saidé and ésaid; “said” — said…",  # letters and gaps outside ASCII next to a form
    "told me told meé told meé and told him",  # a longer form rejected by a letter outside ASCII
    "(said)said\tsaid\nsaid/said'said",
    "said_ she said",  # an underscore: the loop
    "\x01\x01\x01 said the official, \x01\x01said",  # masked quotations: the loop
    "",
    "s",
    "SAID SAYS Told",
]


@pytest.mark.parametrize("text", CUE_SCAN_CASES)
def test_cue_scan_equals_the_whole_word_pattern(text):
    _, cues = _attr._resources("speakers.tsv", "cues.tsv")
    assert cues.finditer(text, text.lower()) == _cue_forms_plain(cues, text)
    assert cues.finditer(text) == _cue_forms_plain(cues, text)


def test_cue_scan_equals_the_whole_word_pattern_on_random_text():
    _, cues = _attr._resources("speakers.tsv", "cues.tsv")
    rng = random.Random(13)
    alphabet = [" ", " ", ",", "-", "'", "(", "\t", "é", "—", "“", "?", "x", "1", "said", "says", "told", "me",
                "pointed", "out", "warned", "claimed", "ed", "s", "Said", "lash"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert cues.finditer(text, text.lower()) == _cue_forms_plain(cues, text), repr(text)


def test_lower_casing_one_character_keeps_its_class():
    # _Cues.finditer tests the character before and after a form in the lower-cased text: lower-casing a
    # character into one character must keep whether it is a word character, alphanumeric, or "-"
    word = re.compile(r"\w").fullmatch
    changed = [
        hex(i) for i in range(0x110000)
        if len(chr(i).lower()) == 1 and (
            bool(word(chr(i))) != bool(word(chr(i).lower())) or chr(i).isalnum() != chr(i).lower().isalnum()
            or (chr(i) == "-") != (chr(i).lower() == "-")
        )
    ]
    assert changed == []


def _name_before_plain(text, surname):
    # the plain definition: the first whole-word `surname` after one to three capitalised words
    for m in re.finditer(re.escape(surname), text):
        k, e = m.span()
        if e < len(text) and (text[e] in "-_" or text[e].isalnum()):
            continue
        found = _attr._CAPS_BEFORE.search(text, max(0, k - _attr._NAME_WINDOW), k)
        if found is not None:
            return found.start(), e
    return None


NAME_BEFORE_CASES = [
    ("envoy Bassam Sabbagh said", "Sabbagh"),
    ("the Syrian envoy to the UN, Ambassador Dr Bassam Al-Sabbagh, said", "Al-Sabbagh"),
    ("McKenzie  O’Neill\tKirby\u2003Smith said", "Smith"),  # four words: the last three
    ("a b c D e Kirby and Kirby", "Kirby"),
    ("xAbc Def Kirby", "Kirby"),  # a capital inside a chunk starts the first word
    ("Kirby", "Kirby"),
    ("said John Kirby_ and John Kirby", "Kirby"),
    ("U.S. Rep. Porter Goff", "Goff"),
    ("A" * 400 + " Bb Kirby", "Kirby"),  # beyond the window
    ("\x1cJohn\x1fKirby", "Kirby"),  # white space for str.split and for \s alike
]


@pytest.mark.parametrize("text,surname", NAME_BEFORE_CASES)
def test_name_before_equals_the_plain_search(text, surname):
    assert _attr._name_before(text, surname) == _name_before_plain(text, surname)


def test_name_before_equals_the_plain_search_on_random_text():
    rng = random.Random(17)
    alphabet = [" ", " ", "  ", "\t", ",", ".", "-", "’", "A", "Bo", "al-", "Kirby", "x", "Mc", "Al", "\xa0", "é"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert _attr._name_before(text, "Kirby") == _name_before_plain(text, "Kirby"), repr(text)


def test_split_and_regex_white_space_are_the_same():
    # _name_before cuts the text with str.rsplit() and searches it with \s
    space = re.compile(r"\s").fullmatch
    differ = [hex(i) for i in range(0x110000) if bool(space(chr(i))) != (("a" + chr(i) + "a").split() == ["a", "a"])]
    assert differ == []


# the plain definition the fast path of _join falls back to
_join_plain = _attr._join_plain


JOIN_CASES = [
    ["the", "Pentagon", "spokesman"],
    ["Syria", "'s", "Foreign", "Ministry"],
    ["Kirby", ",", "the", "spokesman", "."],
    ["the", "US", "-", "led", "coalition"],
    ["al-", "Qurayshi", "said"],  # a token ending in "-"
    ["the", "(", "UN", ")", "agency"],
    ["", "Kirby"],  # an empty token at the start is skipped
    ["Kirby", "", "said"],
    ["pro-government", "media"],
    ["Biden", "’s", "envoy"],
    [],
    ["one"],
]


@pytest.mark.parametrize("tokens", JOIN_CASES)
def test_join_equals_the_plain_loop(tokens):
    assert _attr._join(tokens) == _join_plain(tokens)
    assert _attr._join(tuple(tokens)) == _join_plain(tokens)


def test_join_equals_the_plain_loop_on_random_tokens():
    rng = random.Random(19)
    vocab = ["the", "Kirby", ",", ".", ")", "(", "-", "'s", "’s", "al-", "x-y", "", "said", "a(b", "US"]
    for _ in range(20_000):
        tokens = [rng.choice(vocab) for _ in range(rng.randint(0, 6))]
        assert _attr._join(tokens) == _join_plain(tokens), tokens


# the plain definition the near-window path of _words_before falls back to
_words_before_plain = _attr._words_before_plain


WORDS_BEFORE_CASES = [
    "After a long night of fighting, the Pentagon spokesman John Kirby",
    "After a long night of fighting near the border, Pentagon Press Secretary Spokesman Officials Kirby",
    "a" * 100 + " Kirby",
    "x" * 30 + "Foreign Minister Kirby",  # no space in the near window's reach
    "Ministry	SpokesmanDeputy Foreign Minister Kirby",  # white space other than a space
    "the US-backed Syrian Democratic Forces' commander Kirby",
    "Kirby",
    "",
    "said Syria’s Foreign Ministry spokesperson, Deputy Prime Minister Kirby",
]


@pytest.mark.parametrize("text", WORDS_BEFORE_CASES)
def test_words_before_equals_the_whole_window(text):
    words = _attr._titles().words
    for s in range(len(text) + 1):
        assert _attr._words_before(text, s, words) == _words_before_plain(text, s, words), (text, s)


def test_words_before_equals_the_whole_window_on_random_text():
    words = _attr._titles().words
    rng = random.Random(23)
    vocab = [" ", " ", "the", "Kirby", "spokesman", "Foreign", "Minister", ",", "said", "al-Abu", "US", "\t", "é",
             "ministry", "Syria's", "a", "\x01\x01"]
    for _ in range(3000):
        text = " ".join(rng.choice(vocab) for _ in range(rng.randint(0, 30)))
        s = rng.randint(0, len(text))
        assert _attr._words_before(text, s, words) == _words_before_plain(text, s, words), (text, s)


# the plain definition the fast test of _owner_noun falls back to
_owner_noun_plain = _attr._owner_noun_plain


@pytest.mark.parametrize(
    "tokens",
    [["the", "organisation's", "director"], ["the", "Ministry’s", "spokesman"], ["Kirby's"], ["the", "group", "'s"],
     ["the", "group's"], [], ["its", "director"], ["Syria's", "group's"], ["s", "'s"]],
)
def test_owner_noun_equals_the_plain_loop(tokens):
    assert _attr._owner_noun(tokens) == _owner_noun_plain(tokens)
    assert _attr._owner_noun(tuple(tokens)) == _owner_noun_plain(tokens)


@pytest.mark.parametrize(
    "text",
    ["Pentagon spokesman John Kirby and the US State Department", "no name here", "", "Kirby-Kirby US_UN xUS US",
     "Syrian Civil Defense, Syrian Civil Defence and the White Helmets"],
)
def test_gazetteer_scan_with_a_first_match_equals_the_plain_scan(text):
    gaz, cues = _attr._resources("speakers.tsv", "cues.tsv")
    coder = _attr._Coder(gaz, cues)
    first = gaz.fast.search(text)
    plain = coder._gaz_in(text)
    assert plain == [(m.start(), m.end(), gaz.aliases[m.group(0)]) for m in gaz.pattern.finditer(text)]
    if first is not None:
        assert coder._gaz_in(text, first) == plain
    else:
        assert plain == []


# ------------------------------------------------- round 3: mechanisms found on development2 and PolNeAR train
# (sentence, expected speakers, source_types, cues); written for these tests, one mechanism per group.
ROUND3_SENTENCES = [
    # any -ly adverb and "long" between the subject and its verb are skipped
    ("Jordanian officials have long argued that the camps breed recruits.", "Jordanian officials", "other_government", "argue"),
    ("Iraq's foreign ministry strongly condemned the shelling of Sinjar.", "Iraqi foreign ministry", "other_government", "condemn"),
    ("Rescue volunteers jointly said that nine bodies had been recovered.", "rescue volunteers", "un_or_ngo", "say"),
    # an inverted auxiliary after a wh-word opens a question, not a report
    ("HOST: So why do officials in Baghdad say the strike was a mistake?", "", "unattributed", ""),
    # the object of a preposition is a noun or a gerund, not a speech verb
    ("Ankara wants a full inquiry into reports that two shepherds were killed.", "", "unattributed", ""),
    ("Instead of saying who fired, the statement listed the damaged homes.", "", "unattributed", ""),
    # an object pronoun after "according to" points back like the subject pronoun
    # (a listener-taking verb never inverts: "told Al Jazeera" names the listener, not the teller)
    ('"The shelter was full," the 30-year-old, who drives an ambulance, told Reuters.', "", "unattributed", ""),
    # a participle after the main clause's speech verb adds no speaker: ", calling the raid a success"
    ("Biden said on Thursday that the operation had removed a major threat, calling the mission a triumph of planning.", "Joe Biden", "us_government", "say"),
    # ... and a participle alone takes the sentence's subject, also when it is a possessive description
    ("The agency's spokeswoman went further, telling reporters that Hezbollah had rearmed.", "agency's spokeswoman", "media", "tell"),
    # the subject of an appositive chain: not a fronted participial clause, and from the conjunction of a
    # coordinated clause
    ("Asked about the toll, the charity's Iraq representative, Ines Moreau, said six children had died.", "Ines Moreau", "un_or_ngo", "say"),
    ("The bridge was down by noon, and Syria Civil Defence, the volunteer rescue service, said two drivers were missing.", "White Helmets", "un_or_ngo", "say"),
    # a broadcast hand-over ("X reports from Y") is not speech
    ("Our correspondent Dana Levi reports from Erbil.", "", "unattributed", ""),
    # "the American side" (diplomatic usage) is that state's government
    ("According to the American side, the commander was killed instantly.", "US government", "us_government", "according to"),
    # British and American spellings of a body's name both match its gazetteer alias
    ("The Russian Defense Ministry said its jets had not flown over Idlib.", "Russian Defence Ministry", "russian_government", "say"),
    ("A Kurdish security source said the drone came from the north.", "Kurdish security source", "other_government", "say"),
    # armed groups targeted by strikes are in the gazetteer
    ("Al-Shabab said in a radio broadcast that it had shot down a drone.", "al-Shabaab", "militant", "say"),
    ("The Houthis vowed to retaliate for the strike on Hodeidah.", "Ansarullah", "militant", "vow"),
    ("Kenyan radio quoted a district commissioner, Halima Noor, as saying the market was closed.", "Kenyan radio;Halima Noor", "media;other_government", "quote;say"),
    # "Alliance" ends NGO names
    ("Aleppo Medical Alliance said its clinic in Sarmada had treated 40 patients.", "Aleppo Medical Alliance", "un_or_ngo", "say"),
]


@pytest.mark.parametrize("sentence,speakers,types,cues", ROUND3_SENTENCES)
def test_round3_sentence(sentence, speakers, types, cues):
    # names compared as the evaluation compares them (case-insensitively)
    got = one(sentence)
    assert [x.casefold() for x in got] == [speakers.casefold(), types, cues]



@pytest.mark.parametrize(
    "sentence,speaker",
    [
        # an unknown organisation's name keeps the case it is written in, also at the start of a sentence
        ("Levant Relief Alliance said the clinic in Sarmada had run out of insulin.", "Levant Relief Alliance"),
        ("The Northern Aid Network said 40 tents had burned.", "Northern Aid Network"),
        pytest.param(
            "Observers of the Euphrates Network said two shepherds were among the dead.", "Observers of the Euphrates Network",
            marks=pytest.mark.xfail(reason="the noun phrase stops at 'of the' (kept only before a capital, so that "
                                    "'officials of the ministry' stays 'officials'): the name comes out 'observers'", strict=True),
        ),
        # a common noun phrase starting a sentence is still written in running-text case
        ("Residents said the generator was hit first.", "residents"),
        ("Local aid workers said the road to the camp was cut.", "local aid workers"),
    ],
)
def test_speaker_names_keep_their_written_case(sentence, speaker):
    assert one(sentence)[0] == speaker

ROUND3_ARTICLES = [
    # "according to her" points back to the last female speaker
    (
        "Moscow wants answers\n\nForeign Ministry spokeswoman Maria Zakharova said the strike needed an inquiry.\n"
        "According to her, the militants had been sheltering in the town for a year.",
        [("Maria Zakharova", "russian_government", "say"), ("Maria Zakharova", "russian_government", "according to")],
    ),
    # the surname of a reporter introduced by a hand-over speaks as media in later transcript turns
    (
        "Night raid\n\nANCHOR: Villagers in Hasakah are counting the dead. Sara Blum reports from Qamishli.\n"
        "SARA BLUM, BYLINE: The house is gone.\nBLUM: Neighbors say they heard two helicopters.",
        [("anchor", "media", "transcript")] * 2 + [("Sara Blum", "media", "transcript"), ("Sara Blum;neighbors", "media;local_witness", "transcript;say")],
    ),
    # a tag ending in a colon: the quotation opening the next paragraph is the speaker's; "the organisation's
    # director" is typed by the body the possessive points back to, "the organisation" is that body
    (
        "Aid group alarmed by Idlib strike\n\nThe Levant Relief Alliance said it had lost contact with two staff.\n"
        "Speaking from Gaziantep, the organisation's field director, Omar Haddad, said:\n"
        '"We are deeply worried. Our teams need safe access now."\n'
        "The organisation is calling for an independent investigation.",
        [("Levant Relief Alliance", "un_or_ngo", "say"), ("Omar Haddad", "un_or_ngo", "say"), ("Omar Haddad", "un_or_ngo", "say"),
         ("Omar Haddad", "un_or_ngo", "say"), ("Levant Relief Alliance", "un_or_ngo", "call")],
    ),
]


@pytest.mark.parametrize("text,expected", ROUND3_ARTICLES)
def test_round3_article(text, expected):
    # names compared as the evaluation compares them (case-insensitively)
    assert [(a.casefold(), b, c) for a, b, c in body_codes(text)] == [(a.casefold(), b, c) for a, b, c in expected]


# ------------------------------------------------- round 4: mechanisms found on development3 and PolNeAR train
# (sentence, expected speakers, source_types, cues); written for these tests, one mechanism per group.
ROUND4_SENTENCES = [
    # unnamed people keep the name the article gives them; the state only types them
    ("Two officials said the helicopters had refuelled in Iraq before the raid.", "officials", "us_government", "say"),
    ("An Iraqi drone hit a checkpoint near Qaim on Sunday, one official said.", "official", "other_government", "say"),
    ("Iraqi forces killed four fighters near Rutba, security sources said.", "security sources", "other_government", "say"),
    # a US legislator's party-and-state tag is a label, not the speaker ("Sen. X, D-Vt., said", "(R-Ohio)")
    ("Sen. Dana Whitcombe, D-Mass., said the White House owed Congress a briefing.", "Dana Whitcombe", "us_government", "say"),
    ('"We were told nothing," said Rep. Curtis Bell, R-Okla., who sits on the Armed Services Committee.', "Curtis Bell", "us_government", "say"),
    ("Rep. Ines Calder (D-N.Y.) said in a statement that the strikes needed a vote.", "Ines Calder", "us_government", "say"),
    ('"A clean operation," Rep. Hal Brody, R-Ga., said of the raid.', "Hal Brody", "us_government", "say"),
    # a sitting legislator who once served in uniform speaks as a legislator, not as a former official
    ("Rep. Owen Saxby, R-Ariz., a former Navy SEAL, said the team had trained for weeks.", "Owen Saxby", "us_government", "say"),
    # a colon after a few words ("wrote on Twitter:") opens the complement
    ('Sen. Ruth Palmer, D-Ore., wrote on Twitter: "Congress has to be consulted."', "Ruth Palmer", "us_government", "write"),
    # indirect speech without "that" after a verb that needs a complement; a bare object is still no speech
    ("Several Democrats argued the strikes were illegal without a vote.", "Democrats", "us_government", "argue"),
    ("Pentagon officials noted it had been the second raid in a month.", "Pentagon officials", "us_government", "note"),
    ("The lawyers argued the case in a packed courtroom.", "", "unattributed", ""),
    # elders, the local voices of rural strike reporting
    ("Tribal elders near Jilib said the dead were herders.", "tribal elders", "local_witness", "say"),
    # gazetteer: bodies and people of strike coverage the earlier sets did not have; the longer name wins
    ("The IDF said its jets had hit a radar site near Damascus.", "Israel Defense Forces", "other_government", "say"),
    ("AFRICOM said no civilians were harmed in the strike.", "US Africa Command", "us_government", "say"),
    ("Kataib Hezbollah said two of its members were killed near Qaim.", "Kataib Hezbollah", "militant", "say"),
    ("President Donald Trump said the operation had taken weeks to plan.", "Donald Trump", "us_government", "say"),
    pytest.param(
        "Former President Donald Trump said the operation was a copy of his own.", "Donald Trump", "expert", "say",
        marks=pytest.mark.xfail(reason="a gazetteer person keeps the gazetteer's type: 'former' before a listed "
                                "name does not make him an expert (codebook: former officials speaking now)", strict=True),
    ),
]


@pytest.mark.parametrize("sentence,speakers,types,cues", ROUND4_SENTENCES)
def test_round4_sentence(sentence, speakers, types, cues):
    # names compared as the evaluation compares them (case-insensitively)
    got = one(sentence)
    assert [x.casefold() for x in got] == [speakers.casefold(), types, cues]


ROUND4_ARTICLES = [
    # a broadcast transcript opens with its host (media, the outlet's own journalist); a guest introduced as
    # "Name, a ... journalist" is media too; "who has reported from Idlib" is a career, not speech
    (
        "Headlines\n\nLENA MORROW: Good evening. We turn first to Idlib.\n"
        "Our guest is Farid Aziz, a Lebanese reporter who has reported from Aleppo for years.\n"
        "FARID AZIZ: Thanks, Lena. Families here slept outside last night.\n"
        "LENA MORROW: Farid Aziz, thank you.",
        [("Lena Morrow", "media", "transcript")] * 3 + [("Farid Aziz", "media", "transcript")] * 2
        + [("Lena Morrow", "media", "transcript")],
    ),
]


@pytest.mark.parametrize("text,expected", ROUND4_ARTICLES)
def test_round4_article(text, expected):
    # names compared as the evaluation compares them (case-insensitively)
    assert [(a.casefold(), b, c) for a, b, c in body_codes(text)] == [(a.casefold(), b, c) for a, b, c in expected]


# ------------------------------------------------- round 5: general mechanisms left open by round 4
# (headline, expected speakers, source_types, cues); written for these tests.
ROUND5_HEADLINES = [
    # a country's own name before the colon is a section label (UK/online outlets), not the state speaking
    ("Syria: Rescuers dig through rubble after overnight raid in Idlib", "", "unattributed", ""),
    ("Iraq: Drone strike near Qaim kills four militia fighters", "", "unattributed", ""),
    # ... also with a topic noun, or before a topic phrase (a question word, a label word)
    ("Iraq war: Families of the missing wait for news from Qaim", "", "unattributed", ""),
    ("ISIS: Who leads the group after Atmeh?", "", "unattributed", ""),
    ("Hezbollah: Explainer on the group's role in Syria", "", "unattributed", ""),
    # a cue word that ends a listed name in title case is part of the name ("Islamic State"), not a verb
    ("Islamic State: Who Runs the Group After Atmeh?", "", "unattributed", ""),
    ("Islamic State Says Its Fighters Attacked a Checkpoint", "ISIS", "militant", "say"),
    # negatives: a capital (the codebook's metonym), a body, a person, or a country before a quotation speak
    ("Tehran: Strikes on the border violate Iraqi sovereignty", "Iranian government", "other_government", "headline"),
    ("Kremlin: US must account for civilian deaths in Idlib", "Kremlin", "russian_government", "headline"),
    ("Pentagon: No US casualties in overnight operation", "Pentagon", "us_government", "headline"),
    ("Iran: 'American troops must leave the region'", "Iranian government", "other_government", "headline"),
    ("Kirby: What the team found in the house", "John Kirby", "us_government", "headline"),
]


@pytest.mark.parametrize("headline,speakers,types,cues", ROUND5_HEADLINES)
def test_round5_headline(headline, speakers, types, cues):
    assert one(headline, "headline") == (speakers, types, cues)


def test_gazetteer_place_column_is_checked():
    bad = read_gazetteer().assign(place="province")
    with pytest.raises(InputError, match="place"):
        attribute(_frame([]), gazetteer=bad)


def headline_speakers(text: str) -> str:
    coded = article(text)
    return coded.loc[coded["kind"] == "headline", "speakers"].iloc[0]


ROUND5_SURNAME_HEADLINES = [
    # a headline's surname takes the full name the body gives further down (codebook: "the full name the
    # article gives elsewhere"), in the "X: ..." and the "X says ..." form
    ("Okonjo: Strike on Jilib market killed traders\n\nThe governor of the region, Amina Okonjo, said six traders died.",
     "Amina Okonjo"),
    ("Delacroix says convoy was hit twice\n\nRelief coordinator Marc Delacroix told reporters the trucks were marked.",
     "Marc Delacroix"),
    # the body's surname afterwards is the same person
    ("Varga: We were not warned\n\nLocal farmer Istvan Varga said the blast woke the village.", "Istvan Varga"),
    # negatives: a title or a sentence opener before the surname is not a given name; no full name, no speaker
    ("Mendez: Talks will resume\n\nFor Mendez, the talks are a chance to end the siege.", ""),
    ("Kobani: Families return to ruined homes\n\nThe town was retaken in 2015.", ""),
]


@pytest.mark.parametrize("text,speaker", ROUND5_SURNAME_HEADLINES)
def test_round5_headline_surname_takes_the_later_full_name(text, speaker):
    assert headline_speakers(text) == speaker


ROUND5_ARTICLES = [
    # "a spokesman for X" is X (the convention of "a Pentagon spokesman"), X named or pointed back to
    (
        "Strike in the south\n\nAl-Shabaab has held the town since 2019. A spokesman for the group said the strike hit a wedding.\n"
        "A spokeswoman for the Juba Valley Relief Network said two clinics were closed.",
        [("", "unattributed", ""), ("al-Shabaab", "militant", "say"), ("Juba Valley Relief Network", "un_or_ngo", "say")],
    ),
    # negative: a spokesperson with no body stays the role
    (
        "Strike in the south\n\nA spokesman said the strike hit a wedding.",
        [("spokesman", "other_government", "say")],
    ),
    # "the minister" points back to the person a description introduced, before or after the name
    (
        "Border closed\n\nJordan's interior minister, Salma Haddad, told reporters the crossing would shut.\n"
        '"We will not allow this," the minister said.',
        [("Salma Haddad", "other_government", "tell"), ("Salma Haddad", "other_government", "say")],
    ),
    (
        "Border closed\n\nKarim Nasser, Lebanon's defence minister, told reporters the crossing would shut.\n"
        '"We will not allow this," the minister said.',
        [("Karim Nasser", "other_government", "tell"), ("Karim Nasser", "other_government", "say")],
    ),
    # negative: a former minister is not "the minister" of the next paragraph
    (
        "Border closed\n\nKarim Nasser, a former defence minister, told reporters the crossing would shut.\n"
        '"We will not allow this," the minister said.',
        [("Karim Nasser", "expert", "tell"), ("minister", "other_government", "say")],
    ),
]


@pytest.mark.parametrize("text,expected", ROUND5_ARTICLES)
def test_round5_article(text, expected):
    # names compared as the evaluation compares them (case-insensitively)
    assert [(a.casefold(), b, c) for a, b, c in body_codes(text)] == [(a.casefold(), b, c) for a, b, c in expected]


ROUND5_NAMES = [
    # an outlet's possessive before a reporter's name: the person (the outlet types her as media)
    ("Fox News' Dana Pruitt reported that the helicopters left before dawn.", "Dana Pruitt", "media", "report"),
    ("Al Jazeera's Omar Farouk said families were still searching the rubble.", "Omar Farouk", "media", "say"),
    # "one of the X": X, as the article calls them
    ("One of the residents told reporters the house shook for an hour.", "residents", "local_witness", "tell"),
    ("Some of the rescuers said the roof had collapsed.", "rescuers", "un_or_ngo", "say"),
    # words saying what kind of body a listed body is: the gazetteer's name
    ("Israeli jets struck a depot, the official SANA news agency reported.", "SANA", "syrian_government", "report"),
    ("Moscow called the strikes illegal, according to the TASS news agency.", "Russian government;TASS", "russian_government;media", "call;according to"),
    ("The Britain-based Syrian Observatory for Human Rights war monitor said 13 people died.", "Syrian Observatory for Human Rights", "un_or_ngo", "say"),
    ("The state news agency SANA said two soldiers were wounded.", "SANA", "syrian_government", "say"),
    # negatives: people of a body keep the article's name for them; a possessive ending a name is not trimmed
    ("Pentagon officials said the toll was under review.", "Pentagon officials", "us_government", "say"),
    ("SANA reporters said the depot burned until morning.", "SANA reporters", "syrian_government", "say"),
]


@pytest.mark.parametrize("sentence,speakers,types,cues", ROUND5_NAMES)
def test_round5_name_trimming(sentence, speakers, types, cues):
    got = one(sentence)
    assert [x.casefold() for x in got] == [speakers.casefold(), types, cues]


@pytest.mark.parametrize(
    "words,given",
    [(["Saeed"], True), (["Mary", "Ellen"], True), (["Jean-Pierre"], True), (["President"], False), (["Senator"], False),
     (["Mayor"], False), (["Chairman"], False), (["Director"], False), (["For"], False), (["Following"], False),
     (["Gov."], False), (["A", "B", "C"], False), ([], False), (["NATO"], False)],
)
def test_given_names_before_a_surname(words, given):
    coder = _attr._Coder(*_attr._resources("speakers.tsv", "cues.tsv"))
    assert coder._given_names(words) is given


def test_given_name_stops_are_titles_the_title_table_lacks():
    # the table's own words are ruled out through it; the stop list holds only the others
    assert _attr._GIVEN_NAME_STOPS.isdisjoint(_attr._titles().words)


def test_sitting_titles_are_title_terms():
    # _type_from compares them with the title terms found in a phrase: any other entry could never match
    assert _attr._SITTING_TITLES <= set(_attr._titles().terms)
