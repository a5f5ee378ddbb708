//! Reading a damaged sled database for `vetnet repair`. sled finds damage
//! to a page either while it recovers its log on open (it then stops the
//! log there, or fails to open) or when a read reaches the page; whichever
//! it does, `DamagedDatabase` hands out only entries sled read intact,
//! never a damaged one, and says in words (never a panic) when sled cannot
//! open the database at all.

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use vetnet_node::store::salvage::DamagedDatabase;

/// Entries written to the tree.
const ENTRIES: u32 = 20_000;

fn value_of(i: u32) -> Vec<u8> {
    format!("entry number {i:06} of the private tree, unique text").into_bytes()
}

/// The offsets of every copy of `needle` in `file`.
fn offsets(file: &Path, needle: &[u8]) -> Vec<u64> {
    let bytes = std::fs::read(file).unwrap();
    let found: Vec<u64> =
        bytes.windows(needle.len()).enumerate().filter(|(_, w)| *w == needle).map(|(i, _)| i as u64).collect();
    assert!(!found.is_empty(), "the value is on disk");
    found
}

/// Writes [`ENTRIES`] entries, then overwrites every copy on disk of the
/// values of `damaged`.
fn damaged_database(path: &Path, damaged: &[u32]) {
    {
        let db = sled::Config::new().path(path).open().unwrap();
        let tree = db.open_tree("private/credentials").unwrap();
        for i in 0..ENTRIES {
            tree.insert(i.to_be_bytes(), value_of(i)).unwrap();
        }
        db.flush().unwrap();
    }
    let log = path.join("db");
    let mut file = std::fs::OpenOptions::new().write(true).open(&log).unwrap();
    for i in damaged {
        for offset in offsets(&log, &value_of(*i)) {
            file.seek(SeekFrom::Start(offset + 4)).unwrap();
            file.write_all(b"damage").unwrap();
        }
    }
    file.sync_all().unwrap();
}

#[test]
fn only_intact_entries_are_handed_out_and_an_unopenable_database_is_said_in_words() {
    for damaged in [vec![ENTRIES / 2], vec![ENTRIES / 4, ENTRIES / 2, 3 * ENTRIES / 4]] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        damaged_database(&path, &damaged);
        let db = match DamagedDatabase::open(&path) {
            Ok(db) => db,
            Err(words) => {
                eprintln!("sled could not open the database: {words}");
                assert!(words.starts_with("sled") || words.starts_with("reading"), "{words}");
                assert!(!words.contains("Some(") && !words.contains("backtrace"), "{words}");
                continue;
            }
        };
        let mut read = Vec::new();
        let gaps = db
            .read_tree("private/credentials", &mut |key, value| {
                let i = u32::from_be_bytes(key.try_into().unwrap());
                assert_eq!(value, value_of(i).as_slice(), "entry {i} is handed out intact");
                read.push(i);
                Ok(())
            })
            .unwrap();
        eprintln!("read {} of {ENTRIES}; unreadable: {gaps:?}", read.len());
        assert!(read.windows(2).all(|w| w[0] < w[1]), "in key order, each once");
        assert!(damaged.iter().all(|i| !read.contains(i)), "no damaged entry is handed out");
    }
}

#[test]
fn a_database_sled_refuses_to_open_is_said_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    damaged_database(&path, &[]);
    std::fs::write(path.join("conf"), b"not sled's configuration at all").unwrap();
    let words = DamagedDatabase::open(&path).err().expect("sled refuses a garbled configuration");
    eprintln!("{words}");
    assert!(!words.is_empty() && !words.contains("Some(") && !words.contains("backtrace"), "{words}");
}
