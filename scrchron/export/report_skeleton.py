"""Which sections each review type's overview report has, in order (see DOMAIN.md).

CSPR and SCR: anonymisation, summary of learning, introduction, terms of
reference, methodology, family involvement and the child's voice, parallel
processes, pen picture, agencies, analysis by key practice episode, findings,
recommendations, conclusion; appendices of agencies and contributors, glossary,
action plan, timeline and merged chronology. A SAR adds the legal mandate, the
referral, timescales, the person's own voice and the six safeguarding
principles. A DHR adds a preface, timescales, confidentiality, the panel and the
chair's independence, equality and diversity, dissemination, lessons to be
learnt and the action plan in the body.

Wales: a Child or Adult Practice Review (``cpr``, ``apr``) follows the Welsh
report template: a brief outline of the circumstances, practice and
organisational learning, improving systems and practice, and the statements of
the reviewer and the panel chair, with the terms of reference and a summary
timeline as appendices. A Single Unified Safeguarding Review (``susr``) says
which review criteria it meets, keeps the DHR's timescales, equality and
dissemination sections, and adds the same two statements.
"""

from __future__ import annotations

from scrchron.export import report_appendices as A
from scrchron.export import report_review_sections as P
from scrchron.export import report_sections as S
from scrchron.export.report_content import references_section
from scrchron.export.report_sections import Section
from scrchron.export.report_writer import ReportWriter

_AGENCIES = Section("agencies_involved", "Agencies involved", S.agencies_involved)
_INVOLVEMENT = Section("agency_involvement", "Summary of agency involvement", S.agency_involvement)
_EPISODES = Section("episodes", "Analysis by key practice episode", S.episodes)
_FINDINGS = Section("findings", "Findings", S.findings)
_RECOMMENDATIONS = Section("recommendations", "Recommendations", S.recommendations)
_TERMS = Section("terms_of_reference", "Terms of reference, scope and lines of enquiry", S.terms_of_reference)
_METHOD = Section("methodology", "Methodology and contributors", S.methodology)
_SUMMARY = Section("summary_of_learning", "Summary of learning", S.summary_of_learning)
_INTRODUCTION = Section("introduction", "Introduction", S.introduction)
_PANEL = Section("panel", "Review panel members and the chair's independence", P.panel)
_TIMESCALES = Section("timescales", "Timescales", S.timescales)

CHILD: tuple[Section, ...] = (
    Section("anonymisation", "Anonymisation", S.anonymisation),
    _SUMMARY, _INTRODUCTION, _TERMS, _METHOD, _TIMESCALES, _PANEL,
    Section("family_involvement", "Family involvement and the child's voice", S.family_involvement),
    Section("parallel_processes", "Parallel processes", S.plain),
    Section("pen_picture", "Pen picture of {subject}", S.pen_picture),
    _AGENCIES, _INVOLVEMENT, _EPISODES, _FINDINGS, _RECOMMENDATIONS,
    Section("conclusion", "Conclusion", S.plain),
)

ADULT: tuple[Section, ...] = (
    Section("anonymisation", "Anonymisation", S.anonymisation),
    _SUMMARY, _INTRODUCTION,
    Section("legal_mandate", "The legal mandate for this review", S.legal_mandate),
    Section("referral", "Referral", S.plain),
    Section("timescales", "Timescales", S.timescales),
    _TERMS, _METHOD, _PANEL,
    Section("family_involvement", "Involvement of {subject}, family and friends: the person's own voice",
            S.family_involvement),
    Section("parallel_processes", "Parallel processes", S.plain),
    Section("pen_picture", "Pen picture of {subject}", S.pen_picture),
    _AGENCIES, _INVOLVEMENT, _EPISODES, _FINDINGS,
    Section("safeguarding_principles", "The six safeguarding principles", S.safeguarding_principles),
    _RECOMMENDATIONS,
    Section("conclusion", "Conclusion", S.plain),
)

DOMESTIC_HOMICIDE: tuple[Section, ...] = (
    Section("preface", "Preface", S.plain),
    Section("summary_of_learning", "Executive summary", S.summary_of_learning),
    _INTRODUCTION,
    Section("timescales", "Timescales", S.timescales),
    Section("confidentiality", "Confidentiality", S.anonymisation),
    _TERMS, _METHOD,
    Section("family_involvement", "Involvement of family, friends and others", S.family_involvement),
    _PANEL,
    Section("parallel_processes", "Parallel reviews", S.plain),
    Section("equality_diversity", "Equality and diversity", S.plain),
    Section("dissemination", "Dissemination", S.plain),
    Section("pen_picture", "Background: pen portrait of {subject}", S.pen_picture),
    _AGENCIES, _INVOLVEMENT, _EPISODES, _FINDINGS,
    Section("lessons", "Lessons to be learnt", S.lessons),
    _RECOMMENDATIONS,
    Section("action_plan", "Action plan", S.action_plan),
    Section("conclusion", "Conclusions", S.plain),
)


_CRITERIA = Section("review_criteria", "The review criteria met", S.review_criteria)
_STATEMENTS = (
    Section("statement_reviewer", "Statement by the reviewer", S.plain),
    Section("statement_chair", "Statement by the review panel chair", S.plain),
)

PRACTICE_REVIEW: tuple[Section, ...] = (
    Section("anonymisation", "Anonymisation", S.anonymisation),
    Section("introduction", "Brief outline of the circumstances resulting in the review", S.introduction),
    Section("review_criteria", "The type of review", S.review_criteria),
    Section("timescales", "Timescales", S.timescales),
    _METHOD, _PANEL,
    Section("family_involvement", "Involvement of {subject} and the family", S.family_involvement),
    Section("pen_picture", "Pen picture of {subject}", S.pen_picture),
    _AGENCIES, _INVOLVEMENT,
    Section("episodes", "Practice and organisational learning", S.episodes),
    _FINDINGS,
    Section("recommendations", "Improving systems and practice", S.recommendations),
    *_STATEMENTS,
)

SINGLE_UNIFIED: tuple[Section, ...] = (
    Section("anonymisation", "Anonymisation and confidentiality", S.anonymisation),
    _SUMMARY, _INTRODUCTION, _CRITERIA,
    Section("timescales", "Timescales", S.timescales),
    _TERMS, _METHOD,
    Section("family_involvement", "Involvement of {subject}, family and friends", S.family_involvement),
    _PANEL,
    Section("parallel_processes", "Parallel processes", S.plain),
    Section("equality_diversity", "Equality and diversity", S.plain),
    Section("pen_picture", "Pen picture of {subject}", S.pen_picture),
    _AGENCIES, _INVOLVEMENT, _EPISODES, _FINDINGS, _RECOMMENDATIONS,
    Section("action_plan", "Action plan", S.action_plan),
    Section("dissemination", "Dissemination", S.plain),
    *_STATEMENTS,
    Section("conclusion", "Conclusion", S.plain),
)


def _action_plan(w: ReportWriter, progress: A.Progress | None = None) -> None:
    S.action_plan(w, Section("action_plan", "Action plan"))


def _terms_appendix(w: ReportWriter, progress: A.Progress | None = None) -> None:
    S.terms_of_reference(w, Section("terms_of_reference", "Terms of reference"))


_AGENCIES_APPENDIX = A.Appendix("agencies", "Agencies and contributors", A.agencies_and_contributors)
_GLOSSARY = A.Appendix("glossary", "Glossary of abbreviations", A.glossary)
_TIMELINE = A.Appendix("timeline", "Timeline of agency involvement", A.timeline_figure, landscape=True)
_CHRONOLOGY = A.Appendix("chronology", "Merged multi-agency chronology", A.chronology, landscape=True)
_SUMMARY_TIMELINE = A.Appendix("chronology", "Summary timeline (merged multi-agency chronology)", A.chronology,
                               landscape=True)

APPENDICES: dict[str, tuple[A.Appendix, ...]] = {
    "child": (_AGENCIES_APPENDIX, _GLOSSARY, A.Appendix("action_plan", "Action plan", _action_plan),
              _TIMELINE, _CHRONOLOGY),
    "dhr": (_AGENCIES_APPENDIX, _GLOSSARY, _TIMELINE, _CHRONOLOGY),
    "practice": (A.Appendix("terms", "Terms of reference", _terms_appendix), _AGENCIES_APPENDIX, _GLOSSARY,
                 A.Appendix("action_plan", "Action plan", _action_plan), _TIMELINE, _SUMMARY_TIMELINE),
    "susr": (_AGENCIES_APPENDIX, _GLOSSARY, _TIMELINE, _SUMMARY_TIMELINE),
}


#: The documents and guidance cited: the last section of every review type's report.
REFERENCES = Section("references", "References", references_section)


def sections_for(review_type: str) -> tuple[Section, ...]:
    """The main sections of a review type's report, in order (the references last)."""
    return (*{"sar": ADULT, "dhr": DOMESTIC_HOMICIDE, "susr": SINGLE_UNIFIED, "cpr": PRACTICE_REVIEW,
              "apr": PRACTICE_REVIEW}.get(review_type, CHILD), REFERENCES)


def appendices_for(review_type: str) -> tuple[A.Appendix, ...]:
    """The appendices of a review type's report, in order (landscape ones last)."""
    if review_type in ("susr", "cpr", "apr"):
        return APPENDICES["susr" if review_type == "susr" else "practice"]
    return APPENDICES["dhr" if review_type == "dhr" else "child"]
