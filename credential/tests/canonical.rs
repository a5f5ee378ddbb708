//! Canonicalisation: strict where JSON-LD would silently drop data.

use serde_json::{Value, json};
use vetnet_credential::{CanonicalError, ContextSet, VC_V2, canonicalize};

fn doc(extra: Value) -> Value {
    let mut d = json!({"@context": [VC_V2], "id": "urn:uuid:5d1e0c56-1111-4a3c-9d7e-000000000001", "type": "VerifiableCredential"});
    for (k, v) in extra.as_object().unwrap() {
        d[k] = v.clone();
    }
    d
}

fn canon(extra: Value) -> Result<String, CanonicalError> {
    canonicalize(&doc(extra), &ContextSet::bundled())
}

#[test]
fn plain_document() {
    assert_eq!(
        canon(json!({"name": "Schweißen"})).unwrap(),
        "<urn:uuid:5d1e0c56-1111-4a3c-9d7e-000000000001> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .\n\
         <urn:uuid:5d1e0c56-1111-4a3c-9d7e-000000000001> <https://schema.org/name> \"Schweißen\" .\n"
    );
}

#[test]
fn numbers_take_their_json_ld_canonical_forms() {
    let line = |n: Value| {
        let c = canon(json!({"credentialSubject": {"id": "did:example:s", "ex:n": n}})).unwrap();
        c.lines().find(|l| l.contains("<ex:n>")).unwrap().to_owned()
    };
    assert!(line(json!(2)).ends_with(r#""2"^^<http://www.w3.org/2001/XMLSchema#integer> ."#));
    // 2.0 is the integer 2 to a JavaScript verifier, and here.
    assert!(line(json!(2.0)).ends_with(r#""2"^^<http://www.w3.org/2001/XMLSchema#integer> ."#));
    assert!(line(json!(7.5)).ends_with(r#""7.5E0"^^<http://www.w3.org/2001/XMLSchema#double> ."#));
    assert!(line(json!(true)).ends_with(r#""true"^^<http://www.w3.org/2001/XMLSchema#boolean> ."#));
}

#[test]
fn strictness() {
    let undefined = |extra: Value, expected: &str| match canon(extra) {
        Err(CanonicalError::UndefinedTerm { term }) => assert_eq!(term, expected),
        other => panic!("{expected}: {other:?}"),
    };
    undefined(json!({"grade": "A"}), "grade");
    undefined(json!({"credentialSubject": {"id": "did:example:s", "nested": {"deeper": 1}}}), "nested");
    undefined(json!({"@comment": "x"}), "@comment");

    let not_iri = |extra: Value, expected: &str| match canon(extra) {
        Err(CanonicalError::NotAnIri { value }) => assert_eq!(value, expected),
        other => panic!("{expected}: {other:?}"),
    };
    not_iri(json!({"type": ["VerifiableCredential", "DiplomaCredential"]}), "DiplomaCredential");
    not_iri(json!({"credentialSubject": {"id": "learners/17"}}), "learners/17");

    assert!(matches!(
        canon(json!({"name": {"@value": "x", "@language": "ar", "@direction": "rtl"}})),
        Err(CanonicalError::Suspicious { .. })
    ));
    assert!(matches!(canon(json!({"_:b0": "x"})), Err(CanonicalError::Suspicious { .. })));
    assert!(matches!(
        canon(json!({"name": {"@value": "x", "@language": "not a tag"}})),
        Err(CanonicalError::Suspicious { .. })
    ));

    let err = canon(json!({"@context": [VC_V2, "https://example.org/contexts/diploma.jsonld"]})).unwrap_err();
    assert!(err.to_string().contains("https://example.org/contexts/diploma.jsonld"), "{err}");
    assert!(matches!(err, CanonicalError::UnknownContext { .. }));

    // An absolute IRI as a property, or a term from an embedded context, is
    // defined, so it is signed.
    let c = canon(json!({"https://example.org/vocab#grade": "A"})).unwrap();
    assert!(c.contains("<https://example.org/vocab#grade> \"A\""));
    let mut d = doc(json!({"grade": "A"}));
    d["@context"] = json!([VC_V2, {"grade": "https://example.org/vocab#grade"}]);
    assert!(canonicalize(&d, &ContextSet::bundled()).unwrap().contains("<https://example.org/vocab#grade> \"A\""));
}

#[test]
fn extra_contexts_can_be_added() {
    let set = ContextSet::bundled()
        .with(
            "https://example.org/contexts/diploma.jsonld",
            r#"{"@context": {"grade": "https://example.org/vocab#grade"}}"#,
        )
        .unwrap();
    assert!(set.contains("https://example.org/contexts/diploma.jsonld"));
    let mut d = doc(json!({"grade": "A"}));
    d["@context"] = json!([VC_V2, "https://example.org/contexts/diploma.jsonld"]);
    assert!(canonicalize(&d, &set).unwrap().contains("<https://example.org/vocab#grade> \"A\""));
    assert!(ContextSet::bundled().with("not a url", "{}").is_err());
    assert!(ContextSet::bundled().with("https://example.org/x", "{").is_err());
}

#[test]
fn bundled_contexts_are_the_published_bytes() {
    use sha2::{Digest, Sha256};
    let hex = |b: &[u8]| Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect::<String>();
    assert_eq!(
        hex(vetnet_credential::contexts::VC_V2_DOCUMENT.as_bytes()),
        "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"
    );
    assert_eq!(
        hex(vetnet_credential::contexts::OB_V3P0_DOCUMENT.as_bytes()),
        "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761"
    );
    assert_eq!(
        ContextSet::bundled().urls().collect::<Vec<_>>(),
        [vetnet_credential::VC_V2, vetnet_credential::OB_V3P0]
    );
}
