"""PLOVER event types and the English trigger lexicon newsprism uses to find them.

PLOVER (Political Language Ontology for Verifiable Event Records, Open Event Data Alliance)
has sixteen event types. The lists below were written for this project from the type
definitions: a verb lemma that by itself names an event of that type, and "light" verbs
whose type depends on their object noun ("hold talks", "impose sanctions", "restore ties").
Verbs whose sense depends on their object or preposition ("fire", "strike", "call") are
resolved in ``events.py``.

The CAMEO root mapping (for scoring against CAMEO-coded gold) follows the PLOVER
documentation's correspondence; CAMEO 01 (public statement) and 09 (investigate) have no
PLOVER event type of their own.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(text.split())


PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# CAMEO root code (first two digits) -> PLOVER type; None where PLOVER has no event type.
CAMEO_ROOT_TO_PLOVER: dict[str, str | None] = {
    "01": None,  # make public statement: a speech act, not an event in PLOVER
    "02": "REQUEST",  # appeal
    "03": "AGREE",  # express intent to cooperate (PLOVER: agree/promise/offer)
    "04": "CONSULT",  # consult, visit, meet, negotiate
    "05": "SUPPORT",  # diplomatic cooperation: praise, endorse, recognize
    "06": "COOPERATE",  # material cooperation: economic, military, judicial, intelligence
    "07": "AID",  # provide aid
    "08": "CONCEDE",  # yield: ease sanctions, release, return, allow
    "09": "ACCUSE",  # investigate: PLOVER folds investigations into ACCUSE
    "10": "REQUEST",  # demand
    "11": "ACCUSE",  # disapprove, criticize, accuse
    "12": "REJECT",  # reject, refuse
    "13": "THREATEN",  # threaten
    "14": "PROTEST",  # protest, demonstrate
    "15": "MOBILIZE",  # exhibit force posture
    "16": "SANCTION",  # reduce relations, sanctions, embargoes
    "17": "COERCE",  # coerce: arrests, seizures, repression
    "18": "ASSAULT",  # assault
    "19": "ASSAULT",  # fight
    "20": "ASSAULT",  # unconventional mass violence
}


# Sub-codes that PLOVER places outside their root's type.
CAMEO_CODE_TO_PLOVER: dict[str, str] = {
    "057": "AGREE",  # sign formal agreement (root 05 is otherwise SUPPORT)
    "087": "RETREAT",  # de-escalate military engagement (root 08 is otherwise CONCEDE)
}


def cameo_to_plover(code: str) -> str | None:
    """PLOVER type of a CAMEO event code ("064", "1721", "174K"); None if unmapped."""
    code = code.strip()
    for prefix, kind in CAMEO_CODE_TO_PLOVER.items():
        if code.startswith(prefix):
            return kind
    return CAMEO_ROOT_TO_PLOVER.get(code[:2])


# Verb lemmas that name an event type on their own.
VERBS: dict[str, str] = {}


def _add(kind: str, lemmas: str) -> None:
    for w in lemmas.split():
        VERBS[w] = kind


_add("AGREE", "agree sign ratify pledge promise conclude settle reconcile accept commit "
     "undertake guarantee")
_add("CONSULT", "meet visit host negotiate consult confer discuss talk telephone phone "
     "mediate receive travel tour arrive attend")
_add("SUPPORT", "praise support back endorse commend hail applaud welcome laud congratulate "
     "thank recognize recognise defend champion salute")
_add("CONCEDE", "concede yield apologize apologise release free lift ease relax surrender "
     "compromise forgive pardon waive exempt reinstate")
_add("COOPERATE", "cooperate collaborate partner ally buy sell purchase trade import export "
     "invest share normalize normalise extradite coordinate integrate")
_add("AID", "aid help assist donate fund finance supply contribute rescue shelter feed "
     "subsidize subsidise")
_add("RETREAT", "withdraw retreat demobilize demobilise disarm evacuate disband de-escalate "
     "pullback")
_add("REQUEST", "ask request urge appeal demand seek invite press plead petition implore "
     "beg exhort lobby")
_add("ACCUSE", "accuse blame criticize criticise condemn denounce allege slam blast deplore "
     "censure sue indict investigate probe rebuke castigate decry lambaste fault chide scold "
     "disapprove inspect")
_add("REJECT", "reject refuse deny dismiss veto decline rebuff spurn defy resist "
     "repudiate renounce disavow")
# CAMEO 110 "disapprove" is an objection; 12 "reject" answers a proposal or a demand.
_add("ACCUSE", "oppose object")
_add("THREATEN", "threaten warn menace intimidate")
_add("PROTEST", "protest demonstrate rally march picket riot boycott")
_add("SANCTION", "sanction embargo suspend sever downgrade blacklist freeze ban "
     "recall curtail revoke cancel")
_add("MOBILIZE", "mobilize mobilise deploy mass station reinforce patrol")
_add("COERCE", "arrest detain seize jail imprison deport expel confiscate blockade censor "
     "restrict repress crackdown raid evict demolish prosecute convict "
     "sentence execute hang")
_add("ASSAULT", "attack bomb shell shoot kill invade assault ambush kidnap abduct torture "
     "wound injure fight clash massacre behead assassinate murder slay bombard storm "
     "destroy burn loot rape stab")

# Light verbs: the object noun decides the type ("hold talks", "impose sanctions").
LIGHT_VERBS: frozenset[str] = words(
    "hold have make sign impose launch carry conduct stage announce reach strike seal renew "
    "present "
    "open begin start resume restore establish expand strengthen deepen boost improve "
    "enhance develop build break cut sever suspend downgrade provide send give offer deliver "
    "grant lift ease issue level file express mount unleash step intensify stop end "
    "halt cancel postpone delay wage"
)

# Object nouns of light verbs -> type. Verb-sensitive cases are overridden in OBJECT_VERB.
OBJECT_NOUNS: dict[str, str] = {
    "talk": "CONSULT", "talks": "CONSULT", "meeting": "CONSULT", "consultation": "CONSULT",
    "consultations": "CONSULT", "negotiation": "CONSULT", "negotiations": "CONSULT",
    "summit": "CONSULT", "visit": "CONSULT", "call": "CONSULT", "dialogue": "CONSULT",
    "agreement": "AGREE", "deal": "AGREE", "accord": "AGREE", "treaty": "AGREE",
    "pact": "AGREE", "memorandum": "AGREE", "protocol": "AGREE", "ceasefire": "AGREE",
    "truce": "AGREE", "contract": "AGREE",
    "sanction": "SANCTION", "sanctions": "SANCTION", "embargo": "SANCTION",
    "ban": "SANCTION", "restrictions": "SANCTION", "tariffs": "SANCTION",
    "attack": "ASSAULT", "attacks": "ASSAULT", "strike": "ASSAULT", "strikes": "ASSAULT",
    "airstrike": "ASSAULT", "airstrikes": "ASSAULT", "offensive": "ASSAULT",
    "assault": "ASSAULT", "raid": "ASSAULT", "raids": "ASSAULT", "bombing": "ASSAULT",
    "war": "ASSAULT",
    "protest": "PROTEST", "protests": "PROTEST", "rally": "PROTEST", "demonstration": "PROTEST",
    "demonstrations": "PROTEST", "march": "PROTEST", "boycott": "PROTEST",
    "drill": "MOBILIZE", "drills": "MOBILIZE", "exercise": "MOBILIZE", "exercises": "MOBILIZE",
    "maneuvers": "MOBILIZE", "manoeuvres": "MOBILIZE",
    "ties": "COOPERATE", "relations": "COOPERATE", "cooperation": "COOPERATE",
    "partnership": "COOPERATE", "trade": "COOPERATE", "alliance": "COOPERATE",
    "aid": "AID", "assistance": "AID", "help": "AID", "relief": "AID", "loan": "AID",
    "loans": "AID", "weapons": "AID", "arms": "AID", "support": "SUPPORT",
    "accusation": "ACCUSE", "accusations": "ACCUSE", "charges": "ACCUSE",
    "complaint": "ACCUSE", "lawsuit": "ACCUSE", "criticism": "ACCUSE",
    "evidence": "ACCUSE",
    "warning": "THREATEN", "ultimatum": "THREATEN", "threat": "THREATEN",
    "threats": "THREATEN", "appeal": "REQUEST", "request": "REQUEST", "demand": "REQUEST",
    "demands": "REQUEST", "concession": "CONCEDE", "concessions": "CONCEDE",
    "crackdown": "COERCE", "curfew": "COERCE", "warrant": "COERCE", "warrants": "COERCE",
    "assurance": "AGREE", "assurances": "AGREE", "guarantee": "AGREE", "guarantees": "AGREE",
    "pledge": "AGREE", "pledges": "AGREE", "promise": "AGREE", "promises": "AGREE",
    "commitment": "AGREE", "commitments": "AGREE",
    "permission": "CONCEDE", "amnesty": "CONCEDE", "pardon": "CONCEDE",
    "investigation": "ACCUSE", "inquiry": "ACCUSE", "probe": "ACCUSE",
    "pressure": "REQUEST",
}

# Expelling diplomats reduces relations (SANCTION); expelling people otherwise coerces them.
DIPLOMATIC_NOUNS: frozenset[str] = words(
    "ambassador ambassadors diplomat diplomats envoy envoys embassy mission inspectors "
    "monitors observers peacekeepers attache attaches consul staff"
)

# Verbs that express an intention or a wish for the act in their infinitive complement:
# cooperative acts become AGREE (willingness to cooperate), hostile ones THREATEN.
INTENT_VERBS: frozenset[str] = words(
    "want seek plan intend hope pledge promise vow offer aim propose wish prepare "
    "decide resolve"
)
COOPERATIVE_TYPES: frozenset[str] = frozenset(
    {"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
)
HOSTILE_TYPES: frozenset[str] = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
# Verbs of saying whose complement, when it reports someone else's hostile act, makes the
# statement an accusation ("the US claimed that ISIL had attacked Iraq").
CLAIM_VERBS: frozenset[str] = words("say claim allege charge assert insist report")
# Verbs that announce what the subject of their complement will do ("X said it would free
# prisoners"): a pronoun subject there is the speaker, and a promised cooperative act is an
# expression of intent (CAMEO 03, PLOVER AGREE).
STATEMENT_VERBS: frozenset[str] = words(
    "say announce state declare tell confirm indicate pledge promise vow add insist stress "
    "reiterate agree decide"
)
# Verbs of hoping and fearing: an act in their "that" clause has not happened.
HOPE_VERBS: frozenset[str] = words("hope wish fear expect doubt")
# Verbs whose conjoined subjects act on each other ("X and Y clashed").
RECIPROCAL_VERBS: frozenset[str] = words(
    "meet talk negotiate confer clash fight trade cooperate collaborate reconcile agree sign"
)
# Nouns of combat: "engaged them in a firefight".
COMBAT_NOUNS: frozenset[str] = words(
    "firefight gunfight fighting fight battle battles clash clashes combat skirmish "
    "skirmishes shootout"
)
# Verbs whose object noun came from the "from" actor: "received assurances from X" is X's
# AGREE, "faces pressure from X" X's REQUEST.
RECEIVING_VERBS: frozenset[str] = words("receive get obtain accept face win secure")
# Things received that make the giver the source of an AID event ("received weapons from X").
AID_NOUNS: frozenset[str] = words(
    "aid assistance weapons arms loan loans funds funding money supplies equipment "
    "ammunition grants grant relief food"
)

# (verb lemma, object noun type) pairs whose type changes: "break/cut ties" reduces
# relations, "lift/ease sanctions" concedes, "end/halt attacks" retreats.
OBJECT_VERB: dict[tuple[str, str], str] = {
    ("break", "COOPERATE"): "SANCTION", ("cut", "COOPERATE"): "SANCTION",
    ("sever", "COOPERATE"): "SANCTION", ("suspend", "COOPERATE"): "SANCTION",
    ("downgrade", "COOPERATE"): "SANCTION", ("freeze", "COOPERATE"): "SANCTION",
    ("halt", "COOPERATE"): "SANCTION", ("stop", "COOPERATE"): "SANCTION",
    ("end", "COOPERATE"): "SANCTION", ("suspend", "AID"): "SANCTION",
    ("cut", "AID"): "SANCTION", ("halt", "AID"): "SANCTION", ("stop", "AID"): "SANCTION",
    ("lift", "SANCTION"): "CONCEDE", ("ease", "SANCTION"): "CONCEDE",
    ("end", "SANCTION"): "CONCEDE", ("suspend", "SANCTION"): "CONCEDE",
    ("end", "ASSAULT"): "RETREAT", ("halt", "ASSAULT"): "RETREAT",
    ("stop", "ASSAULT"): "RETREAT", ("suspend", "ASSAULT"): "RETREAT",
    ("reject", "AGREE"): "REJECT", ("break", "AGREE"): "REJECT",
    ("express", "SUPPORT"): "SUPPORT", ("offer", "SUPPORT"): "SUPPORT",
    ("end", "PROTEST"): "CONCEDE", ("call", "PROTEST"): "PROTEST",
    ("strike", "AGREE"): "AGREE",
    # calling off or putting off talks reduces relations (CAMEO 16 "halt negotiations")
    ("cancel", "CONSULT"): "SANCTION", ("postpone", "CONSULT"): "SANCTION",
    ("delay", "CONSULT"): "SANCTION", ("suspend", "CONSULT"): "SANCTION",
    ("halt", "CONSULT"): "SANCTION", ("break", "CONSULT"): "SANCTION",
    ("end", "CONSULT"): "SANCTION",
}

# Nouns that are events by themselves when an actor is attached ("Wei's visit to Tehran").
EVENT_NOUNS: dict[str, str] = {
    "visit": "CONSULT", "talks": "CONSULT", "meeting": "CONSULT", "summit": "CONSULT",
    "attack": "ASSAULT", "invasion": "ASSAULT", "airstrike": "ASSAULT",
    "sanctions": "SANCTION", "embargo": "SANCTION", "protest": "PROTEST",
    "agreement": "AGREE", "accusation": "ACCUSE", "criticism": "ACCUSE",
    "arrest": "COERCE", "withdrawal": "RETREAT", "deployment": "MOBILIZE",
    "visits": "CONSULT",
}

# Nominalized light verbs: "the lifting of sanctions" is typed like "lift sanctions".
NOMINAL_VERBS: dict[str, str] = {
    "resumption": "resume", "restoration": "restore", "signing": "sign", "lifting": "lift",
    "easing": "ease", "imposition": "impose", "suspension": "suspend", "severing": "sever",
    "breaking": "break", "establishment": "establish", "cancellation": "cancel",
    "postponement": "postpone", "launch": "launch", "launching": "launch",
    "delivery": "deliver", "provision": "provide", "conclusion": "conclude",
}
# Verbs of travel: with "for/to" and a named place they are a visit ("left for Beijing").
TRAVEL_VERBS: frozenset[str] = words("leave depart head fly")

# Objects of "fight"/"combat" that are problems, not adversaries ("fighting terrorism").
ABSTRACT_FOES: frozenset[str] = words(
    "terrorism terror extremism corruption poverty crime inflation disease diseases virus "
    "pandemic epidemic unilateralism hegemony fire fires fraud drugs trafficking hunger "
    "climate change unemployment racism discrimination injustice impunity"
)
# Agreements one can withdraw from: that withdrawal rejects the agreement, not a retreat.
AGREEMENT_NOUNS: frozenset[str] = words(
    "deal accord agreement treaty pact talks negotiations convention protocol framework "
    "ceasefire truce alliance organization organisation"
)

# Weapons and projectiles: "fire missiles at X" is an assault, "fire the manager" is not.
WEAPON_NOUNS: frozenset[str] = words(
    "shell shells missile missiles rocket rockets shot shots bullet bullets round rounds "
    "mortar mortars artillery gun guns weapon weapons grenade grenades salvo salvos "
    "projectile projectiles torpedo torpedoes bomb bombs drone drones"
)
