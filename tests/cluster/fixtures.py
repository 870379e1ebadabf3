"""Fictional reports for the cluster tests: two floods in one invented town, years apart, and
an unrelated story. Written for this project; no real outlet's text."""

from __future__ import annotations

from newsprism.types import Report

FLOOD_2019 = [
    Report(
        id="f19-a", source="fixture", outlet="Valley Courier", published_at="2019-03-04",
        published_precision="day", published_source="metadata",
        title="River Ostwen bursts its banks in Marrowby",
        text=(
            "The River Ostwen burst its banks in Marrowby on Sunday night, flooding 140 homes "
            "along Quarry Lane and the old tannery district.\n"
            "Mayor Elspeth Gorrin said volunteers from the Marrowby rowing club carried elderly "
            "residents to the Corn Exchange, which opened as a shelter.\n"
            "The Ostwen peaked at 4.7 metres at the Tanner's Bridge gauge, the highest reading "
            "since records began, according to the regional water board.\n"
            "Gorrin asked the county for emergency pumps and said the Quarry Lane school would "
            "stay closed until Wednesday."
        ),
    ),
    Report(
        id="f19-b", source="fixture", outlet="Northern Ledger", published_at="2019-03-05",
        published_precision="day", published_source="metadata",
        title="Marrowby flood: 140 homes under water after Ostwen peaks at 4.7 metres",
        text=(
            "About 140 homes in Marrowby were flooded after the River Ostwen rose to 4.7 metres "
            "at Tanner's Bridge, a record for the gauge, the water board said on Monday.\n"
            "Residents of Quarry Lane were taken to the Corn Exchange by volunteers from the "
            "rowing club. Mayor Elspeth Gorrin called it the worst night the town had seen.\n"
            "The county council said it was sending emergency pumps and sandbags to the "
            "tannery district."
        ),
    ),
    Report(
        id="f19-c", source="fixture", outlet="Shire Radio", published_at="2019-03-05",
        published_precision="day", published_source="metadata",
        title="Pumps arrive in flooded Marrowby",
        text=(
            "Emergency pumps sent by the county arrived in Marrowby on Monday as the River "
            "Ostwen began to fall from its record 4.7-metre peak at Tanner's Bridge.\n"
            "Mayor Elspeth Gorrin thanked the rowing club volunteers who evacuated Quarry Lane "
            "and said 140 households were now staying with relatives or at the Corn Exchange."
        ),
    ),
]

FLOOD_2023 = [
    Report(
        id="f23-a", source="fixture", outlet="Valley Courier", published_at="2023-11-19",
        published_precision="day", published_source="metadata",
        title="Ostwen floods Marrowby again as storm Hella stalls",
        text=(
            "Storm Hella stalled over the Ostwen valley on Saturday and the river flooded "
            "Marrowby's market square, where 62 shops took in water.\n"
            "Mayor Tobias Renick said the new flood wall on Quarry Lane held, but the water "
            "came through the drains behind the market.\n"
            "The river reached 3.9 metres at Tanner's Bridge, below the 2019 record. Renick "
            "said traders would get help from a 2.5 million emergency fund."
        ),
    ),
    Report(
        id="f23-b", source="fixture", outlet="Northern Ledger", published_at="2023-11-20",
        published_precision="day", published_source="metadata",
        title="Marrowby market square under water after storm Hella",
        text=(
            "Shopkeepers in Marrowby spent Sunday clearing mud from the market square after "
            "storm Hella pushed the River Ostwen to 3.9 metres.\n"
            "Mayor Tobias Renick said 62 shops were damaged and promised a 2.5 million "
            "emergency fund. The flood wall built on Quarry Lane after the last flood held, he "
            "said, but drains behind the market overflowed."
        ),
    ),
]

UNRELATED = Report(
    id="u-1", source="fixture", outlet="Valley Courier", published_at="2019-03-05",
    published_precision="day", published_source="metadata",
    title="Glassworks in Pellory to close after 90 years",
    text=(
        "The Harrowgate glassworks in Pellory will close in June after 90 years, its owner "
        "Lindqvist Holdings said, ending 310 jobs.\n"
        "Union organiser Maren Ashby said workers had been told by email and called the "
        "decision a betrayal of the town."
    ),
)

WIRE = Report(
    id="w-1", source="fixture", outlet="Continental Wire", published_at="2021-06-10",
    published_precision="day", published_source="metadata",
    text=(
        "The port authority of Calvenna said on Thursday it would double the number of "
        "container cranes at its northern terminal by 2024, a project costing 800 million.\n"
        "Harbour master Ilse Varnholt told reporters the expansion would let the port handle "
        "the largest ships now in service without waiting for the tide.\n"
        "Dock workers' unions said they had not been consulted and would seek talks with the "
        "authority next week."
    ),
)

REPUBLISHED = Report(
    id="w-2", source="fixture", outlet="Coastal Times", published_at="2021-06-11",
    published_precision="day", published_source="metadata",
    text=(
        "Calvenna is betting big on shipping again.\n"
        "The port authority of Calvenna said on Thursday it would double the number of "
        "container cranes at its northern terminal by 2024, a project costing 800 million.\n"
        "Harbour master Ilse Varnholt told reporters that the expansion would let the port "
        "handle the largest ships now in service without waiting for the tide.\n"
        "Local fishermen, who share the northern basin with the container ships, fear they "
        "will lose their moorings. Our reporter visited the quay on Friday morning and found "
        "boats already moved to the southern wall."
    ),
)
