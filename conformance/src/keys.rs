//! The keys the cases are signed with: the secret keys of RFC 8032 section
//! 7.1, so every signature, and so every case's bytes, is the same on every
//! run (Ed25519 is deterministic).

use ed25519_dalek::SigningKey;
use vetnet_protocol::InstitutionId;

/// A test key of RFC 8032 section 7.1, by its name there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestKey {
    /// TEST 1: the author of most cases (as of the positive vectors).
    Test1,
    /// TEST 2: the other institution (a successor, an addressee, a subject).
    Test2,
    /// TEST 3: the key of the rotation cases, rotating to TEST 2.
    Test3,
    /// TEST SHA(abc): the key of the revocation cases, revoking itself.
    TestShaAbc,
}

impl TestKey {
    /// The 32-byte secret (the seed), in hex as RFC 8032 prints it.
    pub fn secret_hex(self) -> &'static str {
        match self {
            TestKey::Test1 => "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            TestKey::Test2 => "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            TestKey::Test3 => "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            TestKey::TestShaAbc => "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
        }
    }

    /// The name of the key in RFC 8032 and in the vector file.
    pub fn name(self) -> &'static str {
        match self {
            TestKey::Test1 => "rfc8032-test-1",
            TestKey::Test2 => "rfc8032-test-2",
            TestKey::Test3 => "rfc8032-test-3",
            TestKey::TestShaAbc => "rfc8032-test-sha-abc",
        }
    }

    /// Every key, in the order of the vector file.
    pub const ALL: [TestKey; 4] = [TestKey::Test1, TestKey::Test2, TestKey::Test3, TestKey::TestShaAbc];

    /// The signing key.
    pub fn signing(self) -> SigningKey {
        let mut secret = [0u8; 32];
        // The constants above are 64 hex digits.
        if hex::decode_to_slice(self.secret_hex(), &mut secret).is_err() {
            secret = [0; 32];
        }
        SigningKey::from_bytes(&secret)
    }

    /// The institution the key signs for.
    pub fn id(self) -> InstitutionId {
        InstitutionId::from_bytes(self.signing().verifying_key().to_bytes())
    }
}
