# The vetnet dashboard in English. Every other locale has exactly these messages.

## Dates and numbers
date = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
number-group-separator = ,
weeks = { NUMBER($n) ->
    [one] { $n } week
   *[other] { $n } weeks
}
minutes = { $n } min

## Frame
skip-to-content = Skip to content
language = Language
action-change-language = Change
action-sign-out = Sign out
footer = vetnet dashboard: served by your own node on this computer. Nothing here goes to a central server.
nav-label = Main
nav-home = Home
nav-profile = Profile
nav-offers = Our offers
nav-needs = Our needs
nav-search = Search
nav-matches = Matches
nav-mobility = Mobility
nav-trust = Trust
nav-peers = Peers
nav-settings = Settings
no-profile-name = (no profile yet)

## Signing in and refusals
signed-out-title = You are signed out
signed-out-body = To open the dashboard, run this command on the computer where the node runs. It prints a one-time sign-in link.
signed-out-by-you = You have signed out. To sign in again, run this command on the computer where the node runs.
link-used-title = This sign-in link no longer works
link-used-body = A sign-in link works once, for five minutes. Get a new one by running this command on the computer where the node runs.
refused-title = The request was refused
refused-origin = The request came from another web site. Only pages of this node may send forms to it.
refused-too-large = The form is too large.
refused-form = The form could not be read.
refused-csrf = The form's security token is missing or wrong. Open the page again and send the form from there.
refused-internal = Something went wrong in the node; its log says what.
refused-api = The node could not do this. Its log says why; the command line shows the same error.
not-found-title = Page not found
not-found-body = There is no page at this address. Use the menu to find what you are looking for, or sign in again:

## Forms
required = required
error-prefix = Error:
choose-none = (none)
language-n = Language { $n }
level-n = Level { $n }
form-refused = The node did not accept this form.
form-fix-fields = Please correct the fields marked below:
field-text-lang = Language of the texts
hint-text-lang = The language the title and description below are written in. Other translations are kept.
action-save = Save
action-publish = Publish
action-cancel = Cancel
action-edit = Edit
action-duplicate = Duplicate
action-withdraw = Withdraw
actions = Actions
yes = Yes
no = No

## Record fields
field-id = Short name (id)
hint-id = Letters, digits, “-”, “_” or “.”; stays the same when you edit. Left empty, it is made from the title.
field-title = Title
field-description = Description
field-isced = Field of education (ISCED-F)
hint-isced = Type a code or part of a name, for example 0715 or welding.
field-nace = Economic sector (NACE)
hint-nace = The host’s sector.
field-country = Country
field-city = City
field-eqf-min = Lowest EQF level
hint-eqf-min = The European Qualifications Framework level, 1 to 8.
field-eqf-max = Highest EQF level
field-places = Places
field-start = Start
hint-start = The first possible start day.
field-end = End
field-weeks-min = Shortest stay (weeks)
field-weeks-max = Longest stay (weeks)
field-deadline = Application deadline
field-languages = Languages
hint-languages = Working languages and the lowest CEFR level needed in each.
field-outcomes = Learning outcomes
hint-outcomes = One outcome per line.
field-conditions-accommodation = Accommodation
field-conditions-meals = Meals
field-conditions-insurance = Insurance
field-conditions-minors = Learners under 18 are welcome
field-conditions-mentor = A named workplace mentor supervises the learner
field-contact-email = Contact email
field-learners = Learners
field-qualification = Qualification
field-eqf = EQF level
field-countries = Preferred host countries
hint-countries = Leave empty for any country. Hold Ctrl (or Cmd) to pick several.
field-age = Age of the group
field-support = Support needed
field-support-note = More about the support needed
field-funding = Funding
field-name = Name of the institution
field-institution = Kind of institution
field-vet = Vocational education offered
field-region = Region
field-website = Web site
field-email = Email
field-registration = Registration or VAT number
field-hours = Hours
field-participation = Participation
field-text = Words
hint-text = Words from titles and descriptions.
field-sector = Field or sector
field-lang = Language
field-author = Institution (did:key)
field-trusted = Only institutions this node trusts
field-kind = Kind of institution
field-skill = ESCO skill (URI)
field-subject = Institution to endorse (did:key)
hint-subject = The did:key:z6Mk… shown on the institution’s search result.
field-role = Role
field-network-name = Network name
field-until = Valid until
field-did = Institution (did:key)
hint-did = Paste the did:key:z6Mk… of any institution.
fact-eqf = EQF
fact-weeks = Length
any-country = any country
withdrawn = withdrawn
record-id = Id
record-updated = Last published
record-version = version { $n }

## Code lists
eqf-level = EQF level { $level }
cefr-A1 = A1 (beginner)
cefr-A2 = A2 (elementary)
cefr-B1 = B1 (intermediate)
cefr-B2 = B2 (upper intermediate)
cefr-C1 = C1 (advanced)
cefr-C2 = C2 (proficient)
enum-provided = Provided by the host
enum-assisted = The host helps to find it
enum-none = Not provided
enum-host = The host
enum-sending-school = The sending school
enum-learner = The learner
enum-shared = Shared
enum-under-18 = All under 18
enum-adults = All 18 or older
enum-mixed = Some under 18
enum-accessibility = Accessibility
enum-accompanying-teacher = An accompanying teacher
enum-special-diet = Special diet
enum-learning-support = Learning support
enum-erasmus-ka1-vet = Erasmus+ KA1 VET
enum-nordplus = Nordplus
enum-national = National programme
enum-own = Own funds
enum-other = Other
enum-vet-provider = VET provider
enum-company = Company
enum-chamber = Chamber
enum-public-agency = Public agency
enum-network = Network
enum-ivet = Initial VET
enum-cvet = Continuing VET
enum-online = Online
enum-on-site = On site
enum-blended = Blended
enum-workplace = At a workplace
enum-member = Member of a network
enum-partner = Partner
enum-accreditor = Accreditor
enum-school = Sending school

## Trust
trust-anchor = Trust anchor
trust-endorsed-by-anchor = Endorsed by an anchor
trust-endorsed-via-chain = Endorsed through a chain
trust-unverified = Unverified
trust-revoked = Key revoked
trust-unknown = Unknown
trust-why = Why this trust level?
trust-why-anchor = This node trusts this institution directly: it is one of its trust anchors.
trust-why-endorsed-by-anchor = A trust anchor endorses this institution.
trust-why-endorsed-via-chain = Institutions endorsed by an anchor endorse this institution.
trust-why-unverified = No chain of endorsements leads from this node’s trust anchors to this institution.
trust-why-revoked = This institution’s key was revoked; its records are not trusted.
trust-why-unknown = The trust level could not be worked out.
trust-step = { $endorser } endorses { $subject }
role-member = member
role-partner = partner
role-accreditor = accreditor

## Our offers and needs
offers-title = Our offers
offers-new = New offer
offers-none = This institution has published no offers yet.
offers-new-title = New placement offer
offers-edit-title = Edit placement offer
needs-title = Our needs
needs-new = New need
needs-none = This institution has published no mobility needs yet.
needs-new-title = New mobility need
needs-edit-title = Edit mobility need
show-live = Show current records only
show-withdrawn = Show withdrawn records too
done-published = Published. Other nodes receive it within seconds.
done-updated = Saved. The new version is on its way to other nodes.
done-withdrawn = Withdrawn. Other nodes will no longer show it.
withdraw-title = Withdraw “{ $title }”?
withdraw-warning = Withdrawing tells every node in the network that this record no longer holds. It cannot be undone; you can publish a new record instead.

## Profile
profile-title = Profile
profile-published = As others see it
profile-edit = Edit the profile
done-profile = The profile is saved and published.

## Home
home-title = Home
home-who = Who we are
home-trust = Trust level here
home-did = Our did:key
home-edit-profile = Edit the profile
home-no-profile = This institution has no profile yet.
home-health = The node’s health
health-peers = Connected peers
health-reachability = Reachable from the internet
health-last-sync = Last catch-up sync
health-outbox = Records waiting to be sent
health-records = Records held
health-network = Network
reachability-public = Yes
reachability-private = No (behind NAT; a relay is used)
reachability-unknown = Not known yet
never = never
home-attention = What needs attention
home-nothing = Nothing needs attention right now.
attention-thread = { $partner }: waiting for us to { $step }
attention-deadline = “{ $title }” closes for applications on { $date }
attention-matches = “{ $title }”: { NUMBER($count) ->
    [one] { $count } matching record
   *[other] { $count } matching records
}
attention-unsigned = { $partner }: the learning agreement still lacks { NUMBER($count) ->
    [one] one signature
   *[other] { $count } signatures
}
move-nominate = nominate a learner
move-agree = propose the learning agreement
move-recognise = record the recognition
move-accept = accept or refuse the nomination
move-complete = confirm the completion
move-sign = sign the learning agreement

## Search
search-title = Search the network
search-kinds = What to search
search-offers = Offers
search-institutions = Institutions
search-needs = Needs
search-achievements = Achievements
action-search = Search
action-clear = Clear
search-results = Results
search-none = Nothing found. Try fewer filters.
search-page = Page { $n }
pages = Pages
page-previous = Previous page
page-next = Next page

## Matches
matches-title = Matches
matches-intro = For each of our offers and needs, the other institutions’ needs and offers that fit best, with what fits (✓), what does not (✗) and what is worth knowing (·).
matches-show-blocked = Show pairs that cannot work too
matches-hide-blocked = Hide pairs that cannot work
matches-nothing-own = Publish an offer or a need to see matches.
matches-for-offer = For our offer
matches-for-need = For our need
matches-none = No matching records yet.
match-score = Score { $score } of 100
match-blocked = cannot work
reason-fit = Fits
reason-misfit = Does not fit
reason-note = Note
action-interest = Express interest (start a mobility)

## Mobility
mobility-title = Mobility
mobility-intro = Placements under way with other institutions, each in a thread of signed steps between the two nodes.
mobility-none = No mobility threads yet. Start one from a match.
done-interest = Interest sent. The host’s node answers in the thread below.
thread-partner = Partner
thread-role = Our role
thread-status = Status
thread-offer = Offer
thread-updated = Updated
status-interested = Interest expressed
status-nominated = Learner nominated
status-accepted = Accepted
status-refused = Refused
status-agreeing = Waiting for signatures
status-agreed = Agreed
status-completed = Completed
status-recognised = Recognised
status-cancelled = Cancelled
status-unknown = Unknown

## Trust page
trust-title = Trust
trust-intro = Trust levels start from the institutions this node trusts outright (its anchors) and follow endorsements, at most three steps.
trust-anchors = Our trust anchors
trust-no-anchors = This node has no trust anchors, so every other institution is unverified.
trust-anchors-how = Anchors are set in config.toml or with “vetnet trust add”.
trust-lookup = Trust path of an institution
action-look-up = Show the trust path
trust-given = Endorsements we gave
trust-none-given = We have endorsed no institution.
trust-received = Endorsements we received
trust-none-received = No institution has endorsed us.
trust-institution = Institution
trust-endorse = Endorse an institution
trust-endorse-intro = An endorsement is a signed public record: other nodes that trust us will trust the institution too.
action-endorse = Endorse
no-end = no end date
expired = expired
done-endorsed = Endorsement published.
done-unendorsed = Endorsement withdrawn.

## Settings
settings-title = Settings
settings-intro = These are the values of { $path }. Change them in that file and restart the node.
settings-node = The node
settings-limits = Limits against floods
settings-keys = The institution’s key
setting = Setting
value = Value
meaning = What it does
setting-network = The network’s name: records of other networks are refused.
setting-api = The admin address of this dashboard and the API; loopback only.
setting-listen = Where the node listens for other nodes.
setting-external = Addresses others can reach this node on, when they differ from the listen addresses.
setting-bootstrap = Nodes to join the network through.
setting-target-peers = The node looks for more peers while it has fewer connections than this.
setting-mdns = Find other nodes on the local network.
setting-relay-server = Relay connections for nodes behind NAT (only on a publicly reachable server).
setting-cache-mb = Memory for the record store’s cache, in megabytes.
setting-trust-anchors = Institutions this node trusts outright; trust levels start from them.
setting-records-per-author-per-day = New records this node stores per institution per day; real institutions publish tens to hundreds.
setting-messages-per-peer-per-minute = Gossip messages one peer may send per minute, sustained.
setting-message-burst-per-peer = Gossip messages one peer may send at once before the per-minute rate applies.
setting-peer-ban-minutes = How long a misbehaving peer is disconnected and refused, in minutes.
setting-direct-messages-per-peer-per-minute = Mobility steps one partner may send per minute, sustained.
setting-direct-message-burst-per-peer = Mobility steps one partner may send at once.
key-current = Current key
key-previous = Earlier key
action-rotate = Rotate the key
rotate-title = Rotate the institution’s key?
rotate-warning = A new key replaces the current one. Every record is signed again with the new key and other nodes follow the change, but your did:key changes: tell the institutions that endorse you and anyone who has it written down. Do this when the key may be known to someone else, or on a schedule. It cannot be undone.
done-rotated = The key was rotated. The new key signs from now on.

## Peers
peers-title = Peers
peers-none = No peer is connected.
peer-id = Peer
peer-addrs = Addresses
peer-agent = Software
peer-on-topic = Gossips records
peer-connected = Connected for
