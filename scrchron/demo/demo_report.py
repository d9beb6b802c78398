"""The demo review's report: the reviewer's words for every section, and the report settings.

Written through the same calls as ``scrchron report set`` and ``scrchron report
settings``, so the demo report reads like a real draft. Everything here is
invented; people are called by their pseudonyms (Child T, Mother, Mother's
partner, Brother) and professionals by role.
"""

from __future__ import annotations

from scrchron.export.report_prose import report_sections, set_section_texts
from scrchron.export.report_settings import update_report_settings
from scrchron.store import Case

DEMO_PANEL = (
    "Independent chair, Northshire Safeguarding Children Partnership",
    "Head of safeguarding, Children's Social Care",
    "Detective inspector, Public Protection Unit",
    "Designated nurse for safeguarding, Integrated Care Board",
    "Named GP for safeguarding, GP practice",
    "Designated safeguarding lead, primary school",
    "Tenancy services manager, Housing",
)

DEMO_SECTIONS: dict[str, str] = {
    "anonymisation": "Child T's mother chose the name used in this report. Other family members are "
                     "called by their relationship to Child T.",
    "summary_of_learning": (
        "Child T lived with Mother, Brother and, for much of the time, Mother's partner. Six agencies knew "
        "the family over eighteen months. Each of them saw part of the picture; **none of them saw it whole**.\n\n"
        "What one agency knew about who lived in the household did not reach the agencies assessing risk "
        "([F1]); twice, decisions to close or step down rested on Mother's account alone ([F2]); and when an "
        "injury was reported, Child T was not seen ([F3])."),
    "introduction": (
        "In September 2015 Child T, then aged two, was admitted to hospital with injuries that doctors "
        "judged to be non-accidental. The safeguarding partners held a rapid review within fifteen working "
        "days and decided that a local child safeguarding practice review would identify learning for the "
        "partnership.\n\nThis report sets out what happened, why professionals acted as they did, and what "
        "should change."),
    "terms_of_reference": (
        "The review covers the period from March 2014, when police first attended a domestic incident at the "
        "family home, to Child T's admission to hospital in September 2015. It asked how agencies understood "
        "the risks to Child T, how they shared what they knew, and how they heard from Child T."),
    "lines_of_enquiry": (
        "- How did agencies find out who lived in the household?\n"
        "- How were decisions to step down or close the case made, and on what evidence?\n"
        "- How was Child T seen and heard, at an age when he could not speak for himself?\n"
        "- How were Mother's partner and other male carers included in assessments?"),
    "methodology": (
        "The review used a systems approach. Each agency sent a chronology of its contact with the family, "
        "merged by the reviewer into one multi-agency chronology. Practitioners who worked with the family "
        "met at a learning event in February 2016; their accounts of *why things made sense at the time* "
        "shaped the analysis of the key practice episodes ([Ep1], [Ep2])."),
    "timescales": (
        "The review was commissioned in October 2015. The panel met five times. The report was delayed by "
        "two months so as not to prejudice the criminal trial of Mother's partner."),
    "panel": (
        "The independent chair and the author have no connection with any agency that worked with the "
        "family. Panel members did not review the work of their own teams."),
    "family_involvement": (
        "The reviewer met Mother twice and Brother once, with his mother's agreement. Mother said she had "
        "been afraid to tell anyone that her partner had come back: *\"I thought they would take the boys\"*. "
        "Brother said he had told his teacher because \"she always listened\".\n\n"
        "Mother's partner declined to take part."),
    "parallel_processes": (
        "Mother's partner was convicted of causing grievous bodily harm to Child T in March 2016. The police "
        "senior investigating officer agreed the timing of the practitioners' event with the reviewer."),
    "pen_picture": (
        "Mother describes Child T as a happy, busy little boy who loved the park, his brother and anything "
        "with wheels. He was walking by his first birthday and had a few words by the time of his injury. "
        "Professionals who saw him describe him as quiet with strangers."),
    "agencies_involved": "Every agency asked for a chronology sent one, and each nominated a senior manager "
                         "to the panel.",
    "agency_involvement": (
        "Children's social care and the police had the most contact with the family. The health visitor "
        "saw Child T at home three times; the GP practice saw him for routine immunisations and once by "
        "telephone. Housing visited the flat about repairs and rent arrears, and the school knew Brother "
        "well."),
    "episodes": (
        "Two stretches of the case explain most of how it developed. Each is told as it looked to the "
        "practitioners at the time, then analysed."),
    "findings": "Each finding is a pattern in how agencies worked together, not a judgement on one person.",
    "recommendations": (
        "The partnership accepted every recommendation. Progress is tracked in the action plan (Appendix C), "
        "which the partnership's learning and improvement group reviews every quarter."),
    "action_plan": "Actions marked complete carry the evidence the partnership saw of a change in practice.",
    "conclusion": (
        "Practitioners cared about Child T, and several of them did good work: the school acted on Brother's "
        "words the same day, and the health visitor followed up the first police notification and saw "
        "Child T at home.\n\nWhat was missing was a shared picture. The partnership's answer is in the "
        "recommendations: **ask who lives there, check before closing, and see the child**."),
}


def write_demo_report_texts(case: Case) -> None:
    """The demo's words for every section of its report, and its report settings."""
    keys = {s.key for s in report_sections(case)}
    set_section_texts(case, {key: text for key, text in DEMO_SECTIONS.items() if key in keys})
    update_report_settings(case, partnership="Northshire Safeguarding Children Partnership (demo)",
                           commissioned_by="the Independent Scrutineer, on behalf of the safeguarding partners",
                           author="Independent reviewer (demo)", version="0.4", status="draft",
                           panel=list(DEMO_PANEL))
