"""The review as a process: its type's wording, the statutory clock, the timetable, agency returns.

- ``review_types``: who the subject is and how each review type words it (England and Wales).
- ``clock``: working days and each review type's statutory milestones.
- ``timetable``: the statutory milestones, the reviewer's own, and agency returns.
- ``template_returns``: a returned agency template: whose it is and what the agency changed.
- ``return_check``: what the review asks an agency to look at again.
"""
