# The dashboard's certificate and verify pages (en).

## The certificate
cert-title = Certificate
cert-kind = Micro-credential
cert-certifies = This certifies that
cert-has-achieved = has achieved
cert-grade = Grade
cert-print-hint = Print this page (Ctrl+P) for an A4 certificate; the navigation is left out.
cert-back = Back to the credential
cert-download = Download the credential (JSON)
cert-to-verify = Verify a credential
cert-about = About the achievement
cert-outcomes = Learning outcomes
cert-elements = Elements of the micro-credential
cert-skills = ESCO skills
cert-workload = Notional workload
cert-ects = { $n } ECTS credits
cert-hours = { $n } hours
cert-decimal-sign = .
cert-eqf = EQF level
cert-nqf = NQF level
cert-field = Field of education
cert-country = Country of the awarding body
cert-languages = Language of assessment
cert-assessment = Type of assessment
cert-participation = Form of participation
cert-supervision = Supervision and identity check during assessment
cert-supervision-unsupervised = Unsupervised, no identity check
cert-supervision-supervised-online = Supervised online, with an identity check
cert-supervision-on-site-identity-check = On site, with an identity check
cert-quality = Quality assurance
cert-prerequisites = Prerequisites
cert-stackability = Integration
cert-stackability-standalone = Stand-alone
cert-stackability-stackable = Can be stacked into a larger credential
cert-further = Further information
cert-issued-by = Issued by
cert-trust-path = Trusted through:
cert-delegated-by = Issued on behalf of { $name }, which delegated issuing this achievement.
cert-awarded = Awarded on
cert-valid-until = Valid until
cert-no-expiry = Does not expire
cert-signed = Signed
cert-id = Credential id
cert-check = Check this certificate
cert-qr-credential = QR code holding the signed credential itself (a VC-JWT). Scan it and paste the text into any vetnet node’s Verify page, or any Open Badges 3.0 verifier.
cert-qr-reference = QR code holding the credential’s id and the SHA-256 of its file (the text printed below). The credential is too large for a QR code: verify the file, and the code shows that it is this certificate’s.
cert-revoked = This credential was revoked on { $date } ({ $reason }). It is no longer valid.
cert-not-found-title = No such credential
cert-not-found-body = This node issued no credential with that id.
cert-unreadable = The credential’s signed document could not be read.

## The verify page
verify-title = Verify a credential
verify-intro = Paste a credential (Open Badges 3.0 JSON, a VC-JWT, or the text of a certificate’s QR code) or choose its file. This node checks it against the records it holds; nothing is stored or sent.
verify-paste = Credential or QR code text
verify-paste-hint = JSON, a VC-JWT (eyJ…), or vetnet-credential:… from a QR code.
verify-file = Credential file
verify-file-hint = A .json or .jwt file. With a QR code’s vetnet-credential:… text above, the file must be the one it names.
verify-action = Verify
verify-empty = Paste a credential or choose its file.
verify-both = Paste a credential or choose a file, not both (only a QR code’s vetnet-credential:… text goes with a file).
verify-need-file = This QR code names a credential file: choose that file to verify it.
verify-hash-mismatch = This file is not the one the QR code names: its SHA-256 is { $got }, the code names { $wanted }.
verify-not-credential = This is not a credential this node can read.
verify-not-credential-because = This is not a credential this node can read: { $why }
verify-reference-title = A QR code that names a file
verify-reference-body = This text is the reference from a certificate’s QR code to the credential { $id }: the credential itself was too large for the code. Choose the credential’s file below; the page checks that it is the file the code names, then verifies it.
verify-file-matches = The file matches the QR code (SHA-256 { $hash }).
verify-headline-valid = Valid
verify-headline-invalid = Not valid
verify-verdict-valid = The signature is the issuer’s, the issuer is known, its key was in use, the credential is not revoked and it is within its dates.
verify-verdict-malformed = This is not a credential this node can read.
verify-verdict-tampered = The content was changed after it was signed: it does not match its signature.
verify-verdict-unknown-issuer = No institution in the network has the key that signed it.
verify-verdict-not-delegated = The issuer awarded another institution’s achievement without a delegation from it.
verify-verdict-key-retired = It was signed after the issuer’s key was revoked or replaced.
verify-verdict-revoked = The issuer has revoked it.
verify-verdict-expired = Its validity has ended.
verify-verdict-not-yet-valid = It is not valid yet.
verify-learner = Learner
verify-achievement = Achievement
verify-awarded = Awarded on
verify-valid-until = Valid until
verify-credential-id = Credential id
verify-issuer = Issuer
verify-issuer-unknown = The issuer is not known to this node.
verify-revoked-on = Revoked on { $date } ({ $reason }).
verify-delegated-by = Issued under a delegation from { $name }, the achievement’s owner.
verify-not-delegated = The issuer awarded its own achievement (no delegation).
verify-checks = Each check
verify-check = Check
verify-result = Result
verify-detail = What the node found
verify-check-format = Format
verify-check-proof = Signature
verify-check-issuer = Issuer
verify-check-key = Issuer’s key
verify-check-delegation = Delegation
verify-check-revocation = Revocation
verify-check-validity = Dates
verify-status-pass = Passed
verify-status-skip = Not needed
verify-status-fail = Failed
verify-reason-issued-in-error = issued in error
verify-reason-superseded = superseded
verify-reason-misconduct = misconduct
verify-reason-withdrawn = withdrawn

## What each check found (the node's finding codes; dates, reasons, kinds
## and countries arrive already worded in the page's language).
verify-detail-not-reached = Not checked: an earlier check failed.
verify-detail-format-not-json = Not valid JSON: { $error }
verify-detail-format-unreadable = Not an Open Badges 3.0 credential: { $error }
verify-detail-format-json-ld = An Open Badges 3.0 credential (W3C VC 2.0, JSON-LD).
verify-detail-format-jwt = An Open Badges 3.0 credential (W3C VC 2.0) as a VC-JWT.
verify-detail-format-neither = Neither a JSON credential nor a VC-JWT: { $error }
verify-detail-format-jwt-only = A VC-JWT.
verify-detail-proof-unreadable = The proof cannot be read: { $error }
verify-detail-proof-mismatch = The content does not match its signature: { $error }
verify-detail-proof-other-signer = The proof is signed by { $signer }, not by the issuer { $issuer }.
verify-detail-proof-signed = Signed with the issuer's key { $issuer }.
verify-detail-issuer-held = { $name } ({ $kind }, { $country }): a profile held in the network.
verify-detail-issuer-unknown = This node holds no institution profile with the key { $issuer }.
verify-detail-key-retired = { $why }
verify-detail-key-current = The issuer's key was neither revoked nor replaced when the credential was issued.
verify-detail-delegation-own = The issuer awards its own achievement.
verify-detail-delegation-not-vetnet = The achievement is not a vetnet record, so no delegation applies.
verify-detail-delegation-foreign = The achievement belongs to { $owner } and is not a vetnet record that a delegation could cover.
verify-detail-delegation-covers = Issued under a delegation from { $owner } (from { $from } { $until ->
        [none] until further notice
       *[other] until { $until }
    }).
verify-detail-delegation-outside = Awarded on { $day }, outside the delegation from { $owner } (from { $from } { $until ->
        [none] until further notice
       *[other] until { $until }
    }).
verify-detail-delegation-none = { $owner } owns the achievement and has not delegated issuing it to the issuer.
verify-detail-revocation-revoked = Revoked on { $day }: { $reason }.
verify-detail-revocation-none = This node holds no revocation of it.
verify-detail-validity-not-a-time = { $field } “{ $value }” is not a date and time.
verify-detail-validity-not-yet = Valid only from { $from }.
verify-detail-validity-expired = Expired on { $until }.
verify-detail-validity-until = Valid from { $from } until { $until }.
verify-detail-validity-no-expiry = Valid from { $from }, with no end date.
