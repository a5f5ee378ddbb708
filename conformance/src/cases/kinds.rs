//! The field rules of every record kind (`docs/PROTOCOL.md` "Field rules"):
//! a valid record of each kind, and the refusals the spec names.

use ciborium::Value;
use vetnet_protocol::delegation::delegation_id;
use vetnet_protocol::endorsement::{EndorsementBody, EndorsementRole, endorsement_id};
use vetnet_protocol::fixtures;
use vetnet_protocol::key_lifecycle::{
    KEY_ROTATION_ID, KeyRevocationBody, KeyRevocationReason, KeyRotationBody, key_revocation_id,
};

use super::{TS, body_of, offer, offer_body, payload, profile, profile_body, record, signed, with, withdrawal};
use crate::case::Case;
use crate::cbor::{self, text};
use crate::keys::TestKey;

/// The credential the revocation cases revoke.
const CREDENTIAL_UUID: &str = "7f3c1a52-8d2e-4b6a-9c0f-1e2d3c4b5a69";

fn lang(tag: &str, s: &str) -> Value {
    Value::Map(vec![(text(tag), text(s))])
}

pub(super) fn cases() -> Vec<Case> {
    let mut cases = text_and_code_cases();
    cases.extend(offer_and_profile_cases());
    cases.extend(credential_cases());
    cases.extend(key_cases());
    cases.extend(other_kind_cases());
    cases.extend(regional_cases());
    cases
}

/// The shared rules: text, language tags, countries, dates, types.
fn text_and_code_cases() -> Vec<Case> {
    let title = |id: &str, tag: &str| offer(id, with(offer_body(), "title", lang(tag, "Welding placement")));
    vec![
        record("lang-upper-case", "offer", "An offer title in the language tag EN: valid in any case, but records carry the canonical case.", title("k-lang-en", "EN"))
            .reject("body.title.EN", "must be written en (language tags are case-insensitive, but records carry the canonical case)"),
        record("lang-qq", "offer", "The language tag qq: inside qaa..qtz as a string, but not a registered subtag (the range holds three letters).", title("k-lang-qq", "qq"))
            .reject("body.title.qq", "must be a registered BCP 47 language tag"),
        record("lang-qt", "offer", "The language tag qt: not a registered subtag.", title("k-lang-qt", "qt"))
            .reject("body.title.qt", "must be a registered BCP 47 language tag"),
        record("lang-qa", "offer", "The language tag qa: not a registered subtag.", title("k-lang-qa", "qa"))
            .reject("body.title.qa", "must be a registered BCP 47 language tag"),
        record("lang-qaa", "offer", "The language tag qaa: the first of the private-use range qaa..qtz, allowed.", title("k-lang-qaa", "qaa")).accept(),
        record("lang-underscore", "offer", "The language tag en_GB.", title("k-lang-en-gb", "en_GB"))
            .reject("body.title.en_GB", "must be a registered BCP 47 language tag"),
        record("text-nbsp-only", "offer", "A title of one U+00A0 NO-BREAK SPACE, which is White_Space: empty.", offer("k-nbsp", with(offer_body(), "title", lang("en", "\u{a0}"))))
            .reject("body.title.en", "must not be empty (or only white space)"),
        record("text-line-break", "offer", "A single-line title with a line break.", offer("k-linebreak", with(offer_body(), "title", lang("en", "Welding\nplacement"))))
            .reject("body.title.en", "must not contain line breaks or control characters"),
        record("date-year-0000", "offer", "The start date 0000-03-01: years are 0001-9999.", offer("k-year-0", with(offer_body(), "start", text("0000-03-01"))))
            .reject("body.start", "must be a date written YYYY-MM-DD with a year from 0001 to 9999"),
        record("date-does-not-exist", "offer", "The start date 2027-02-30.", offer("k-feb-30", with(offer_body(), "start", text("2027-02-30"))))
            .reject("body.start", "must be a date written YYYY-MM-DD"),
        record("date-short-month", "offer", "The start date 2027-3-1.", offer("k-date-short", with(offer_body(), "start", text("2027-3-1"))))
            .reject("body.start", "must be a date written YYYY-MM-DD"),
        record("country-uk", "offer", "The country UK (the code is GB).", offer("k-uk", with(offer_body(), "country", text("UK"))))
            .reject("body.country", "must be an ISO 3166-1 alpha-2 country code in capitals"),
        record("city-null", "offer", "The optional city null: null is refused, an absent field is left out.", offer("k-city-null", with(offer_body(), "city", Value::Null)))
            .reject("body.city", "must not be null: leave an absent field out"),
        record("city-integer", "offer", "The city is the integer 99 (wrong type).", offer("k-city-int", with(offer_body(), "city", Value::Integer(99.into()))))
            .reject("body.city", "must be text (got an integer)"),
        record("isced-unknown", "offer", "The ISCED-F code 0799 (not a detailed field).", offer("k-isced", with(offer_body(), "isced", text("0799"))))
            .reject("body.isced", "must be an ISCED-F 2013 field code"),
    ]
}

fn offer_and_profile_cases() -> Vec<Case> {
    let mut nested = offer_body();
    cbor::set(&mut nested, "x-future", Value::Map(vec![(text("deep"), text("kept"))]));
    let mut no_vet = profile_body();
    cbor::remove(&mut no_vet, "vet");
    vec![
        record("offer-valid", "offer", "A valid offer with only its required fields.", offer("k-offer", offer_body()))
            .accept(),
        record(
            "offer-unknown-nested-field",
            "offer",
            "An offer with an unknown body field holding a map: ignored and kept.",
            offer("k-offer-unknown", nested),
        )
        .accept(),
        record(
            "offer-eqf-max-below-min",
            "offer",
            "eqf_max 3 below eqf_min 4.",
            offer("k-eqf", with(offer_body(), "eqf_max", Value::Integer(3.into()))),
        )
        .reject("body.eqf_max", "must not be below eqf_min"),
        record(
            "offer-eqf-300",
            "offer",
            "eqf_min 300: too large for its 8-bit field.",
            offer("k-eqf-300", with(offer_body(), "eqf_min", Value::Integer(300.into()))),
        )
        .reject("body.eqf_min", "must be a whole number from 0 to 255 (got 300)"),
        record(
            "profile-valid",
            "profile",
            "The full profile of a VET provider.",
            profile(body_of(&fixtures::full_profile())),
        )
        .accept(),
        record(
            "profile-id-not-profile",
            "profile",
            "A profile whose id is not \"profile\".",
            signed(TestKey::Test1, &payload("profile", "main", 1, TS, Some(profile_body()))),
        )
        .reject("id", "must be \"profile\" for a profile"),
        record("profile-vet-missing", "profile", "A VET provider that does not say ivet or cvet.", profile(no_vet))
            .reject("body.vet", "must list ivet, cvet or both for a vet-provider"),
        record(
            "profile-language-upper-case",
            "profile",
            "A working language EN.",
            profile(with(profile_body(), "languages", Value::Array(vec![text("EN")]))),
        )
        .reject(
            "body.languages[0]",
            "must be written en (language tags are case-insensitive, but records carry the canonical case)",
        ),
        record(
            "need-unknown-age",
            "need",
            "A need with age \"teens\" (not in the list).",
            signed(
                TestKey::Test1,
                &payload(
                    "need",
                    "k-need-age",
                    1,
                    TS,
                    Some(with(body_of(&fixtures::full_need()), "age", text("teens"))),
                ),
            ),
        )
        .reject("body.age", "must be one of `under-18`, `adults`, `mixed` (got `teens`)"),
        record(
            "need-valid",
            "need",
            "A need with every field set.",
            signed(TestKey::Test1, &payload("need", "k-need", 1, TS, Some(body_of(&fixtures::full_need())))),
        )
        .accept(),
    ]
}

fn revocation_body() -> Value {
    Value::Map(vec![
        (text("credential"), text(&format!("urn:uuid:{CREDENTIAL_UUID}"))),
        (text("reason"), text("superseded")),
    ])
}

fn credential_cases() -> Vec<Case> {
    let mut no_workload = body_of(&fixtures::full_achievement());
    cbor::remove(&mut no_workload, "ects");
    cbor::remove(&mut no_workload, "hours");
    let delegate = TestKey::Test2.id();
    let delegation = Value::Map(vec![
        (text("achievement"), text("welding-basics")),
        (text("delegate"), text(&delegate.to_did())),
        (text("from"), text("2027-01-01")),
    ]);
    vec![
        record(
            "achievement-valid",
            "achievement",
            "An achievement with every field set.",
            signed(
                TestKey::Test1,
                &payload("achievement", "welding-basics", 1, TS, Some(body_of(&fixtures::full_achievement()))),
            ),
        )
        .accept(),
        record(
            "achievement-no-workload",
            "achievement",
            "An achievement with neither ects nor hours.",
            signed(TestKey::Test1, &payload("achievement", "k-no-workload", 1, TS, Some(no_workload))),
        )
        .reject("body.ects", "a notional workload is required: give ECTS credits, hours or both"),
        record(
            "revocation-valid",
            "revocation",
            "A credential revoked as superseded (id: its UUID).",
            signed(TestKey::Test1, &payload("revocation", CREDENTIAL_UUID, 1, TS, Some(revocation_body()))),
        )
        .accept(),
        record(
            "revocation-withdrawn",
            "revocation",
            "A withdrawal of a revocation, a final kind.",
            signed(TestKey::Test1, &withdrawal("revocation", CREDENTIAL_UUID, 2, TS)),
        )
        .reject("withdrawn", "a revocation is final and cannot be withdrawn"),
        record(
            "revocation-id-mismatch",
            "revocation",
            "A revocation whose id is not the credential's UUID.",
            signed(
                TestKey::Test1,
                &payload("revocation", "0d9e0b3c-1111-4222-8333-944455556666", 1, TS, Some(revocation_body())),
            ),
        )
        .reject("id", "must be the UUID of the revoked credential"),
        record(
            "delegation-valid",
            "delegation",
            "The test 2 key may award welding-basics from 2027-01-01.",
            signed(
                TestKey::Test1,
                &payload("delegation", &delegation_id("welding-basics", &delegate), 1, TS, Some(delegation.clone())),
            ),
        )
        .accept(),
        record(
            "delegation-wrong-id",
            "delegation",
            "A delegation whose id is not derived from the pair.",
            signed(TestKey::Test1, &payload("delegation", "d-000000000000000000000000", 1, TS, Some(delegation))),
        )
        .reject("id", "must be derived from the achievement and the delegate"),
    ]
}

/// The rotation of the test 3 key to the test 2 key, at [`TS`].
pub(super) fn rotation() -> Vec<u8> {
    let body = KeyRotationBody::new(super::NETWORK, &TestKey::Test3.id(), &TestKey::Test2.signing());
    signed(TestKey::Test3, &payload("key-rotation", KEY_ROTATION_ID, 1, TS, Some(body_of(&body))))
}

/// The test SHA(abc) key revoking itself from a day before [`TS`].
pub(super) fn self_revocation() -> Vec<u8> {
    let key = TestKey::TestShaAbc.id();
    let body = KeyRevocationBody {
        key: key.to_did(),
        since: TS - 86_400,
        reason: KeyRevocationReason::Compromised,
        successor: None,
    };
    signed(TestKey::TestShaAbc, &payload("key-revocation", &key_revocation_id(&key), 1, TS, Some(body_of(&body))))
}

fn key_cases() -> Vec<Case> {
    let mut bad_proof = body_of(&KeyRotationBody::new(super::NETWORK, &TestKey::Test3.id(), &TestKey::Test2.signing()));
    cbor::set(&mut bad_proof, "proof", Value::Bytes(vec![0; 64]));
    let revoked = TestKey::Test2.id();
    let others = KeyRevocationBody {
        key: revoked.to_did(),
        since: TS - 10,
        reason: KeyRevocationReason::Lost,
        successor: Some(TestKey::Test3.id().to_did()),
    };
    let future_since = KeyRevocationBody {
        key: TestKey::Test1.id().to_did(),
        since: TS + 1,
        reason: KeyRevocationReason::Retired,
        successor: None,
    };
    vec![
        record(
            "key-rotation-valid",
            "key-rotation",
            "The test 3 key rotates to the test 2 key, which countersigns.",
            rotation(),
        )
        .accept(),
        record(
            "key-rotation-bad-proof",
            "key-rotation",
            "A rotation whose proof is 64 zero bytes.",
            signed(TestKey::Test3, &payload("key-rotation", KEY_ROTATION_ID, 2, TS, Some(bad_proof))),
        )
        .reject("body.proof", "must be the successor's signature over the rotation"),
        record(
            "key-rotation-withdrawn",
            "key-rotation",
            "A withdrawal of a key rotation, a final kind.",
            signed(TestKey::Test1, &withdrawal("key-rotation", KEY_ROTATION_ID, 2, TS)),
        )
        .reject("withdrawn", "a key-rotation is final and cannot be withdrawn"),
        record(
            "key-revocation-valid",
            "key-revocation",
            "The test SHA(abc) key revokes itself from a day before ts.",
            self_revocation(),
        )
        .accept(),
        record(
            "key-revocation-since-after-ts",
            "key-revocation",
            "A revocation whose since is after its own ts.",
            signed(
                TestKey::Test1,
                &payload(
                    "key-revocation",
                    &key_revocation_id(&TestKey::Test1.id()),
                    1,
                    TS,
                    Some(body_of(&future_since)),
                ),
            ),
        )
        .reject("body.since", "must not be after the record's ts"),
        record(
            "key-revocation-successor-of-other",
            "key-revocation",
            "The test 1 key revokes the test 2 key and names a successor: only a key revoking itself may.",
            signed(
                TestKey::Test1,
                &payload("key-revocation", &key_revocation_id(&revoked), 1, TS, Some(body_of(&others))),
            ),
        )
        .reject("body.successor", "only a key revoking itself can name its successor"),
        record(
            "key-revocation-withdrawn",
            "key-revocation",
            "A withdrawal of a key revocation, a final kind.",
            signed(TestKey::Test1, &withdrawal("key-revocation", &key_revocation_id(&revoked), 2, TS)),
        )
        .reject("withdrawn", "a key-revocation is final and cannot be withdrawn"),
    ]
}

fn other_kind_cases() -> Vec<Case> {
    let subject = TestKey::Test2.id();
    let endorsement = EndorsementBody {
        subject: subject.to_did(),
        role: EndorsementRole::Member,
        network_name: Some("HansaVET".into()),
        until: None,
    };
    let own = EndorsementBody { subject: TestKey::Test1.id().to_did(), ..endorsement.clone() };
    let mut event_alone = body_of(&fixtures::event("Spring meeting", "Luleå", "SE", "Europe/Stockholm"));
    cbor::remove(&mut event_alone, "country");
    cbor::remove(&mut event_alone, "online");
    let network = Value::Map(vec![
        (text("countries"), Value::Array(vec![text("SE")])),
        (
            text("coordinator"),
            Value::Map(vec![
                (text("name"), text("Network office")),
                (text("email"), text("office@norrbotten-vet.example")),
            ]),
        ),
        (text("languages"), Value::Array(vec![text("sv"), text("en")])),
        (text("joining"), text("open")),
    ]);
    vec![
        record(
            "endorsement-valid",
            "endorsement",
            "The test 2 key endorsed as a member of HansaVET.",
            signed(
                TestKey::Test1,
                &payload(
                    "endorsement",
                    &endorsement_id(&subject, EndorsementRole::Member, Some("HansaVET")),
                    1,
                    TS,
                    Some(body_of(&endorsement)),
                ),
            ),
        )
        .accept(),
        record(
            "endorsement-of-self",
            "endorsement",
            "An institution endorsing itself.",
            signed(
                TestKey::Test1,
                &payload(
                    "endorsement",
                    &endorsement_id(&TestKey::Test1.id(), EndorsementRole::Member, Some("HansaVET")),
                    1,
                    TS,
                    Some(body_of(&own)),
                ),
            ),
        )
        .reject("body.subject", "must be another institution: an institution cannot endorse itself"),
        record(
            "network-profile-valid",
            "network-profile",
            "A network profile, joining open.",
            signed(TestKey::Test1, &payload("network-profile", "network", 1, TS, Some(network.clone()))),
        )
        .accept(),
        record(
            "network-profile-wrong-id",
            "network-profile",
            "A network profile whose id is not \"network\".",
            signed(TestKey::Test1, &payload("network-profile", "hub", 1, TS, Some(network))),
        )
        .reject("id", "must be \"network\" for a network profile"),
        record(
            "event-valid",
            "event",
            "A meeting in Luleå.",
            signed(
                TestKey::Test1,
                &payload(
                    "event",
                    "k-event",
                    1,
                    TS,
                    Some(body_of(&fixtures::event("Spring meeting", "Luleå", "SE", "Europe/Stockholm"))),
                ),
            ),
        )
        .accept(),
        record(
            "event-city-without-country",
            "event",
            "An event with a city but no country.",
            signed(TestKey::Test1, &payload("event", "k-event-city", 1, TS, Some(event_alone))),
        )
        .reject("body.country", "is required with city"),
    ]
}

/// The regional kinds: skills needs, resources, issuance statistics.
fn regional_cases() -> Vec<Case> {
    let mut both = body_of(&fixtures::full_skills_need());
    cbor::set(&mut both, "people", Value::Integer(40.into()));
    cbor::set(&mut both, "level", text("shortage"));
    let mut small = body_of(&fixtures::issuance_stats());
    if let Some(Value::Array(counts)) = cbor::get_mut(&mut small, "counts")
        && let Some(first) = counts.first_mut()
    {
        cbor::set(first, "count", Value::Integer(4.into()));
    }
    vec![
        record(
            "skills-need-valid",
            "skills-need",
            "A skills need for SE332 with every field set.",
            signed(
                TestKey::Test1,
                &payload("skills-need", "k-skills", 1, TS, Some(body_of(&fixtures::full_skills_need()))),
            ),
        )
        .accept(),
        record(
            "skills-need-people-and-level",
            "skills-need",
            "A skills need with both people and level.",
            signed(TestKey::Test1, &payload("skills-need", "k-skills-both", 1, TS, Some(both))),
        )
        .reject("body.level", "give either people or level, not both"),
        record(
            "resource-valid",
            "resource",
            "A toolbox manual by link and SHA-256.",
            signed(
                TestKey::Test1,
                &payload("resource", "k-resource", 1, TS, Some(body_of(&fixtures::full_resource()))),
            ),
        )
        .accept(),
        record(
            "resource-sha256-upper-case",
            "resource",
            "A resource whose sha256 is in capitals.",
            signed(
                TestKey::Test1,
                &payload(
                    "resource",
                    "k-resource-sha",
                    1,
                    TS,
                    Some(with(body_of(&fixtures::full_resource()), "sha256", text(&"AB".repeat(32)))),
                ),
            ),
        )
        .reject("body.sha256", "must be the document's SHA-256 as 64 lower-case hex digits"),
        record(
            "issuance-stats-valid",
            "issuance-stats",
            "Issuance statistics of 2026-Q3.",
            signed(
                TestKey::Test1,
                &payload("issuance-stats", "2026-Q3", 1, TS, Some(body_of(&fixtures::issuance_stats()))),
            ),
        )
        .accept(),
        record(
            "issuance-stats-count-4",
            "issuance-stats",
            "A count of 4: under 5, it could single a learner out.",
            signed(TestKey::Test1, &payload("issuance-stats", "2026-Q3", 2, TS, Some(small))),
        )
        .reject("body.counts[0].count", "must be at least 5"),
        record(
            "issuance-stats-wrong-id",
            "issuance-stats",
            "Statistics of 2026-Q3 under the id 2026-Q2.",
            signed(
                TestKey::Test1,
                &payload("issuance-stats", "2026-Q2", 1, TS, Some(body_of(&fixtures::issuance_stats()))),
            ),
        )
        .reject("id", "must be the quarter of the statistics"),
    ]
}
