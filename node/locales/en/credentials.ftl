# The dashboard's credentials pages (en).

nav-achievements = Achievements
nav-credentials = Credentials
nav-verify = Verify

## The achievement catalogue
achievements-title = Achievements
achievements-intro = What this institution awards credentials for, with every element of a micro-credential the Council Recommendation asks for. Partners see them on the network.
achievements-new = New achievement
achievements-none = No achievements yet.
achievements-new-title = New achievement
achievements-edit-title = Edit the achievement
achievements-elements = Elements of the micro-credential
achievements-workload = Workload
achievements-withdraw-warning = Withdrawing removes the achievement from the network. Credentials already issued for it stay valid; no new ones can be issued.
cred-ects-credits = { $n } ECTS
cred-hours-n = { $n } hours
cred-field-nqf = National qualifications framework level
cred-hint-nqf = As your country writes it, for example “SE-NQF 4”.
cred-field-ects = ECTS credits
cred-hint-ects = Notional workload in ECTS credits, for example 5 or 7.5.
cred-field-assessment = Assessment
cred-hint-assessment = How the learning outcomes are assessed.
cred-field-supervision = Supervision and identity check
cred-field-quality-assurance = Quality assurance
cred-hint-quality-assurance = Who assures the quality of the learning and the assessment, and how.
cred-field-prerequisites = Prerequisites
cred-field-stackability = Stackability
cred-field-esco-skills = ESCO skills
cred-hint-esco-skills = One ESCO skill address per line.
cred-field-further-information = Further information
cred-hint-country = Left empty, the country of your profile.
cred-hint-languages = The languages of the learning and the assessment; left empty, those of your profile.
cred-enum-unsupervised = Unsupervised, no identity check
cred-enum-supervised-online = Supervised online, with an identity check
cred-enum-on-site-identity-check = Supervised on site, with an identity check
cred-enum-standalone = Stand-alone
cred-enum-stackable = Stacks into a larger credential

## Issuing
cred-issue-title = Issue to one learner
cred-issue-intro = The credential is signed with this institution’s key at once. For a whole class, upload a file instead:
cred-issue-no-achievements = There is no achievement to issue yet.
cred-field-achievement = Achievement
cred-field-learner-name = Learner’s name
cred-field-learner-email = Learner’s email
cred-hint-learner-email = Optional. The credential carries it only as a salted hash, so the learner can prove it is theirs.
cred-field-grade = Grade
cred-field-date = Awarded on
cred-hint-date = The day the learner earned it; left empty, today.
cred-field-valid-until = Valid until
cred-hint-valid-until = Left empty, the credential does not expire.
cred-action-issue = Issue the credential
cred-delegated-achievement = { $achievement } (delegated by { $from })

## Issuing to a class
class-title = Issue to a class
class-intro = Upload a CSV file with one learner per row. Every row is issued, or none: if any row is wrong, nothing is issued and each problem is listed by row.
cred-field-class-file = Class file (CSV)
cred-hint-class-file = UTF-8 text, comma-separated, with a header row naming the columns below. Cells with commas go in double quotes.
cred-hint-class-achievement = For every row without an achievement column of its own.
cred-action-issue-class = Issue to the class
class-template = Download a template
class-columns = Columns
class-columns-intro = Only learner_name is required; the other columns may be left out or left empty.
class-column = Column
class-meaning = Meaning
class-column-learner-name = The learner’s name as it appears on the credential (required).
class-column-learner-email = The learner’s email, kept only as a salted hash.
class-column-grade = The grade, as your school writes it.
class-column-date = The day the learner earned it, YYYY-MM-DD; empty: today.
class-column-valid-until = The last day it is valid, YYYY-MM-DD; empty: it does not expire.
class-column-achievement = The achievement’s id, when it is not the one chosen above.
class-refused = Nothing was issued. Problems to fix in the file: { $n }.
class-problems = Problems by row
class-row = Row
class-line = Line
class-rule = What is wrong
class-unreadable = The file cannot be read as CSV: { $error }
class-unknown-column = Unknown column “{ $column }”. The columns are { $columns }.
class-no-name-column = The header row needs a learner_name column.
class-no-achievement = no achievement: choose one above or fill in the column
class-no-rows = The file has a header row but no learners.

## The list and one credential
credentials-title = Credentials
credentials-filter = Filter the credentials
credentials-none = No credentials issued yet.
credentials-none-match = No credential matches these filters.
credentials-shown = Shown: { $shown } of { $total }.
cred-filter-any = Any
cred-filter-month = Month awarded
cred-hint-filter-month = YYYY-MM, for example 2027-05.
cred-action-filter = Filter
cred-status = Status
cred-status-valid = Valid
cred-status-revoked = Revoked
cred-revoked-on = Revoked on { $date }: { $reason }
cred-awarded = Awarded on
cred-email = Carries the learner’s email (hashed)
cred-issued-at = Signed at
cred-achievement-author = Achievement’s author
cred-id = Credential id
cred-downloads = Download and share
cred-downloads-intro = The learner keeps the file; anyone can verify it without asking this node.
cred-download-json = Open Badges 3.0 (JSON)
cred-download-jwt = VC-JWT
cred-certificate = Printable certificate
cred-verify = Verify a credential
cred-done-issued = Credential issued.
cred-done-revoked = Credential revoked.
cred-done-class-issued = Credentials issued: { $n }.
cred-action-revoke = Revoke
cred-revoke-title = Revoke the credential
cred-revoke-warning = A revocation is published to the whole network and cannot be undone. The credential then fails every verification.
cred-field-reason = Reason
cred-revoke-choose-reason = choose a reason
cred-reason-issued-in-error = Issued in error
cred-reason-superseded = Superseded by another credential
cred-reason-misconduct = Misconduct
cred-reason-withdrawn = Withdrawn

## Statistics
stats-title = Statistics
stats-intro = Credentials issued and revoked, per achievement and month awarded.
stats-month = Month
stats-issued = Issued
stats-revoked = Revoked
stats-total = Total
cred-month-year = { $month ->
    [m1] { month-1 }
    [m2] { month-2 }
    [m3] { month-3 }
    [m4] { month-4 }
    [m5] { month-5 }
    [m6] { month-6 }
    [m7] { month-7 }
    [m8] { month-8 }
    [m9] { month-9 }
    [m10] { month-10 }
    [m11] { month-11 }
   *[m12] { month-12 }
} { $year }

## Delegations
delegations-title = Delegations
delegations-intro = A delegation lets another institution issue credentials for one of your achievements, in your name and under its own key.
delegations-given = Given
delegations-none-given = You have delegated no achievement.
delegations-received = Received
delegations-none-received = No institution has delegated an achievement to you.
delegations-from = Delegated by
delegations-ended = ended
delegations-give = Give a delegation
delegations-give-intro = Choose one of your achievements and the institution that may issue it.
cred-field-delegate = Delegate institution
cred-hint-delegate = Its did:key, as its home page shows it (did:key:z6Mk…).
cred-field-from = From
cred-hint-from = Left empty, today.
cred-hint-until = Left empty, until you end it.
cred-action-delegate = Delegate
cred-action-end-delegation = End
cred-done-delegation-given = Delegation published.
cred-done-delegation-ended = Delegation ended.
