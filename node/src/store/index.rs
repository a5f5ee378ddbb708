//! The search index: every live record's search terms, in memory.
//!
//! Each live, not withdrawn record has a *slot* (a small integer, kept in its
//! `live` entry on disk so it survives restarts). For every term (`country` =
//! `SE`, `sector` = `0715`, `word` = `welding`, ...) the index holds a roaring
//! bitmap of the slots whose records have it, and for every slot the record's
//! `ts` and hash, so a search intersects bitmaps, picks the newest slots and
//! reads only the records it returns.
//!
//! The index is derived data: the store writes each record's terms into its
//! `live` entry in the same atomic batch as the record, and rebuilds the index
//! from those entries when it opens, without decoding any record. So sled
//! holds three small writes per record, not one per term.

use std::collections::{BTreeMap, BinaryHeap, HashMap};

use roaring::RoaringBitmap;
use unicode_normalization::UnicodeNormalization;
use vetnet_protocol::nuts;
use vetnet_protocol::{Content, RecordHash, VerifiedRecord};

/// A record's place in the index.
pub type Slot = u32;

/// The slot of a record that is not indexed (a withdrawal).
pub const NO_SLOT: Slot = u32::MAX;

/// The `country` term of a need that prefers no country (country codes are
/// upper case, so it never collides with one).
pub const ANY_COUNTRY: &str = "any";

/// The pseudo-field every indexed record of a kind has.
pub const ALL_FIELD: &str = "all";

/// Words longer than this are indexed (and searched) by their first
/// `MAX_WORD_CHARS` characters.
pub const MAX_WORD_CHARS: usize = 32;

/// What the index keeps per slot: enough to order results and fetch them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotEntry {
    pub ts: u64,
    pub hash: RecordHash,
}

const EMPTY_ENTRY: SlotEntry = SlotEntry { ts: 0, hash: RecordHash([0; 32]) };

/// Terms per kind, slots and their entries.
#[derive(Default)]
pub struct SearchIndex {
    /// kind → term (`field 0x00 value`) → slots.
    postings: HashMap<String, BTreeMap<Box<[u8]>, RoaringBitmap>>,
    /// kind → every indexed slot of that kind.
    kinds: BTreeMap<String, RoaringBitmap>,
    entries: Vec<SlotEntry>,
    /// Slots below `entries.len()` that no record holds.
    free: Vec<Slot>,
    /// Live versions held, withdrawals included.
    live_versions: u64,
}

impl SearchIndex {
    /// A slot for a new record. Until [`SearchIndex::add`] it holds nothing;
    /// give it back with [`SearchIndex::release`] if the record is not stored.
    pub fn allocate(&mut self) -> Slot {
        self.free.pop().unwrap_or_else(|| {
            self.entries.push(EMPTY_ENTRY);
            (self.entries.len() - 1) as Slot
        })
    }

    pub fn release(&mut self, slot: Slot) {
        if let Some(entry) = self.entries.get_mut(slot as usize) {
            *entry = EMPTY_ENTRY;
            self.free.push(slot);
        }
    }

    /// Indexes a record of `kind` with `terms` (as [`encode_terms`] wrote them) at `slot`.
    pub fn add(&mut self, slot: Slot, kind: &str, terms: &[u8], entry: SlotEntry) {
        if slot as usize >= self.entries.len() {
            self.entries.resize(slot as usize + 1, EMPTY_ENTRY);
        }
        self.entries[slot as usize] = entry;
        let postings = match self.postings.get_mut(kind) {
            Some(postings) => postings,
            None => self.postings.entry(kind.to_owned()).or_default(),
        };
        for term in TermIter(ByteReader(terms)) {
            match postings.get_mut(term) {
                Some(slots) => {
                    slots.insert(slot);
                }
                None => {
                    postings.insert(term.into(), RoaringBitmap::from_iter([slot]));
                }
            }
        }
        match self.kinds.get_mut(kind) {
            Some(slots) => slots.insert(slot),
            None => self.kinds.entry(kind.to_owned()).or_default().insert(slot),
        };
    }

    /// Takes the record at `slot` out of every term it was indexed under. The
    /// slot stays reserved (a newer version of the record reuses it).
    pub fn remove(&mut self, slot: Slot, kind: &str, terms: &[u8]) {
        if let Some(postings) = self.postings.get_mut(kind) {
            for term in TermIter(ByteReader(terms)) {
                if let Some(slots) = postings.get_mut(term) {
                    slots.remove(slot);
                    if slots.is_empty() {
                        postings.remove(term);
                    }
                }
            }
        }
        if let Some(slots) = self.kinds.get_mut(kind) {
            slots.remove(slot);
        }
        if let Some(entry) = self.entries.get_mut(slot as usize) {
            *entry = EMPTY_ENTRY;
        }
    }

    /// After a rebuild placed every slot: the gaps become free slots.
    pub fn finish_rebuild(&mut self) {
        let mut used = RoaringBitmap::new();
        for slots in self.kinds.values() {
            used |= slots;
        }
        self.free = (0..self.entries.len() as Slot).rev().filter(|slot| !used.contains(*slot)).collect();
    }

    pub fn count_live_version(&mut self, delta: i64) {
        self.live_versions = self.live_versions.saturating_add_signed(delta);
    }

    /// Live versions held, withdrawals included.
    pub fn live_versions(&self) -> u64 {
        self.live_versions
    }

    /// Indexed (live, not withdrawn) records per kind seen since the store
    /// opened (a kind whose records were all withdrawn shows 0).
    pub fn counts(&self) -> BTreeMap<String, u64> {
        self.kinds.iter().map(|(kind, slots)| (kind.clone(), slots.len())).collect()
    }

    /// Every indexed record of `kind`.
    pub fn all(&self, kind: &str) -> RoaringBitmap {
        self.kinds.get(kind).cloned().unwrap_or_default()
    }

    /// Records of `kind` whose `field` has any of `values`.
    pub fn any_of(&self, kind: &str, field: &str, values: &[String]) -> RoaringBitmap {
        let mut slots = RoaringBitmap::new();
        let Some(postings) = self.postings.get(kind) else { return slots };
        for value in values {
            if let Some(found) = postings.get(term(field, value).as_slice()) {
                slots |= found;
            }
        }
        slots
    }

    /// Records of `kind` with a word starting with `prefix` (a normalised
    /// word, see [`words`]).
    pub fn word_prefix(&self, kind: &str, prefix: &str) -> RoaringBitmap {
        let mut slots = RoaringBitmap::new();
        for (_, found) in self.terms_starting(kind, &term(WORD_FIELD, prefix)) {
            slots |= found;
        }
        slots
    }

    /// The values of `field` in records of `kind`, in byte order, each with
    /// its records.
    pub fn values_of(&self, kind: &str, field: &str) -> Vec<(&[u8], &RoaringBitmap)> {
        let prefix = term(field, "");
        self.terms_starting(kind, &prefix).map(|(term, slots)| (&term[prefix.len()..], slots)).collect()
    }

    /// The terms of `kind` that start with `prefix`, in byte order.
    fn terms_starting<'a, 'p>(
        &'a self,
        kind: &str,
        prefix: &'p [u8],
    ) -> impl Iterator<Item = (&'a [u8], &'a RoaringBitmap)> + use<'a, 'p> {
        let from = (std::ops::Bound::Included(prefix), std::ops::Bound::Unbounded);
        self.postings
            .get(kind)
            .into_iter()
            .flat_map(move |postings| postings.range::<[u8], _>(from))
            .take_while(move |(term, _)| term.starts_with(prefix))
            .map(|(term, slots)| (&term[..], slots))
    }

    /// The `limit` newest of `slots`: newest `ts` first, then by hash.
    pub fn newest(&self, slots: &RoaringBitmap, limit: usize) -> Vec<SlotEntry> {
        // A min-heap of the best `limit` so far, on (ts, Reverse(hash)).
        let mut heap: BinaryHeap<std::cmp::Reverse<(u64, std::cmp::Reverse<[u8; 32]>)>> =
            BinaryHeap::with_capacity(limit + 1);
        for slot in slots {
            let Some(entry) = self.entries.get(slot as usize) else { continue };
            let candidate = std::cmp::Reverse((entry.ts, std::cmp::Reverse(entry.hash.0)));
            // Most slots are older than the oldest kept: skip them cheaply.
            if heap.len() == limit && heap.peek().is_some_and(|oldest_kept| candidate >= *oldest_kept) {
                continue;
            }
            heap.push(candidate);
            if heap.len() > limit {
                heap.pop();
            }
        }
        let mut newest: Vec<SlotEntry> = heap
            .into_iter()
            .map(|std::cmp::Reverse((ts, std::cmp::Reverse(hash)))| SlotEntry { ts, hash: RecordHash(hash) })
            .collect();
        newest.sort_by(|a, b| b.ts.cmp(&a.ts).then_with(|| a.hash.0.cmp(&b.hash.0)));
        newest
    }

    /// The entries of `slots`, in slot order.
    pub fn entries(&self, slots: &RoaringBitmap) -> Vec<SlotEntry> {
        slots.iter().filter_map(|slot| self.entries.get(slot as usize).copied()).collect()
    }
}

/// The first bytes of a snapshot, with its format version.
const SNAPSHOT_MAGIC: &[u8; 8] = b"vnidx\0\0\x01";

impl SearchIndex {
    /// The whole index as bytes, so a clean restart need not rebuild it:
    /// `magic, live_versions u64, entries u32 × (ts u64, hash 32), kinds u32 ×
    /// (name, all-bitmap, terms u32 × (term, bitmap))`, integers big-endian,
    /// names and terms as u16 length + bytes, bitmaps in the portable roaring
    /// format as u32 length + bytes.
    pub fn to_snapshot(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.entries.len() * 48);
        out.extend_from_slice(SNAPSHOT_MAGIC);
        out.extend_from_slice(&self.live_versions.to_be_bytes());
        out.extend_from_slice(&(self.entries.len() as u32).to_be_bytes());
        for entry in &self.entries {
            out.extend_from_slice(&entry.ts.to_be_bytes());
            out.extend_from_slice(&entry.hash.0);
        }
        out.extend_from_slice(&(self.kinds.len() as u32).to_be_bytes());
        for (kind, all) in &self.kinds {
            put_bytes(&mut out, kind.as_bytes());
            put_bitmap(&mut out, all);
            let postings = self.postings.get(kind);
            out.extend_from_slice(&(postings.map_or(0, BTreeMap::len) as u32).to_be_bytes());
            for (term, slots) in postings.into_iter().flatten() {
                put_bytes(&mut out, term);
                put_bitmap(&mut out, slots);
            }
        }
        out
    }

    /// The index saved by [`SearchIndex::to_snapshot`]; `None` if the bytes
    /// are not a whole snapshot of this format.
    pub fn from_snapshot(bytes: &[u8]) -> Option<Self> {
        let mut reader = ByteReader(bytes.strip_prefix(SNAPSHOT_MAGIC)?);
        let mut index = SearchIndex { live_versions: reader.u64()?, ..SearchIndex::default() };
        let entries = reader.u32()? as usize;
        index.entries.reserve_exact(entries.min(reader.0.len() / 40));
        for _ in 0..entries {
            let ts = reader.u64()?;
            let hash = RecordHash(reader.take(32)?.try_into().ok()?);
            index.entries.push(SlotEntry { ts, hash });
        }
        for _ in 0..reader.u32()? {
            let kind = std::str::from_utf8(reader.bytes()?).ok()?.to_owned();
            index.kinds.insert(kind.clone(), reader.bitmap()?);
            let mut postings = BTreeMap::new();
            for _ in 0..reader.u32()? {
                let term: Box<[u8]> = reader.bytes()?.into();
                postings.insert(term, reader.bitmap()?);
            }
            index.postings.insert(kind, postings);
        }
        if !reader.0.is_empty() {
            return None;
        }
        index.finish_rebuild();
        Some(index)
    }
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    // Kinds and terms are far shorter than 64 KiB (see MAX_KIND_LEN and MAX_WORD_CHARS).
    let len = u16::try_from(bytes.len()).unwrap_or(u16::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&bytes[..len as usize]);
}

fn put_bitmap(out: &mut Vec<u8>, bitmap: &RoaringBitmap) {
    out.extend_from_slice(&(bitmap.serialized_size() as u32).to_be_bytes());
    // Writing into a Vec cannot fail.
    let _ = bitmap.serialize_into(&mut *out);
}

/// Reads the big-endian integers, u16-length byte strings and bitmaps of
/// snapshots and term lists.
struct ByteReader<'a>(&'a [u8]);

impl<'a> ByteReader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_be_bytes(self.take(8)?.try_into().ok()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_be_bytes(self.take(4)?.try_into().ok()?))
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = u16::from_be_bytes(self.take(2)?.try_into().ok()?) as usize;
        self.take(len)
    }
    fn bitmap(&mut self) -> Option<RoaringBitmap> {
        let len = self.u32()? as usize;
        RoaringBitmap::deserialize_from(self.take(len)?).ok()
    }
}

/// The field free-text words are indexed under.
pub const WORD_FIELD: &str = "word";

fn term(field: &str, value: &str) -> Vec<u8> {
    let mut term = Vec::with_capacity(field.len() + 1 + value.len());
    term.extend_from_slice(field.as_bytes());
    term.push(0);
    term.extend_from_slice(value.as_bytes());
    term
}

/// The terms a record is found by, encoded for its `live` entry: each term
/// is a big-endian u16 length and `field 0x00 value`. Withdrawals have none.
pub fn encode_terms(record: &VerifiedRecord) -> Vec<u8> {
    let mut terms: Vec<Vec<u8>> = record_terms(record).iter().map(|(field, value)| term(field, value)).collect();
    terms.sort();
    terms.dedup();
    encode_term_list(&terms)
}

/// Terms (`field 0x00 value`), each as a u16 length and its bytes. Terms are
/// short: codes, and words cut at MAX_WORD_CHARS.
fn encode_term_list(terms: &[Vec<u8>]) -> Vec<u8> {
    let mut encoded = Vec::with_capacity(terms.iter().map(|t| t.len() + 2).sum());
    for term in terms {
        put_bytes(&mut encoded, term);
    }
    encoded
}

/// Checks that `terms` is a well-formed encoding (read from disk).
pub fn terms_are_valid(terms: &[u8]) -> bool {
    let mut iter = TermIter(ByteReader(terms));
    iter.by_ref().for_each(drop);
    iter.0.0.is_empty()
}

/// The terms of an encoding from [`encode_terms`]; stops at a damaged one.
struct TermIter<'a>(ByteReader<'a>);

impl<'a> Iterator for TermIter<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        self.0.bytes()
    }
}

/// Every (field, value) a record is indexed under. Sector codes are indexed
/// with their broader levels too, so a search for `07` finds `0715`, and `F`
/// finds `F41`; languages with their primary subtag (`en` finds `en-GB`).
fn record_terms(record: &VerifiedRecord) -> Vec<(&'static str, String)> {
    let mut terms: Vec<(&'static str, String)> = vec![("author", hex::encode(record.author.as_bytes()))];
    match &record.content {
        Content::Withdrawn => return Vec::new(),
        // Found by key (author, kind, id), never by search.
        Content::Uninterpreted | Content::Revocation(_) | Content::Delegation(_) => {}
        // Found by kind (the key ledger and the trust graph read them all).
        Content::KeyRotation(_) | Content::KeyRevocation(_) => {}
        Content::Endorsement(endorsement) => {
            terms.extend(endorsement.subject_id().map(|subject| ("subject", hex::encode(subject.as_bytes()))));
        }
        Content::Achievement(achievement) => {
            terms.push(("country", achievement.country.clone()));
            terms.extend(achievement.isced.iter().flat_map(|code| isced_levels(code)).map(|code| ("sector", code)));
            terms.extend(achievement.eqf.map(|level| ("eqf", level.to_string())));
            for lang in &achievement.languages {
                terms.extend(language_levels(lang).map(|lang| ("lang", lang)));
            }
            terms.extend(achievement.esco_skills.iter().map(|skill| ("skill", skill.clone())));
            terms.push(("participation", achievement.participation.as_str().to_owned()));
            let text = achievement
                .title
                .texts()
                .chain(achievement.description.texts())
                .chain(achievement.outcomes.iter().map(String::as_str));
            terms.extend(text.flat_map(words).map(|word| (WORD_FIELD, word)));
        }
        Content::Offer(offer) => {
            terms.push(("country", offer.country.clone()));
            terms.extend(isced_levels(&offer.isced).map(|code| ("sector", code)));
            terms.extend(offer.nace.iter().flat_map(|code| nace_levels(code)).map(|code| ("sector", code)));
            terms.extend((offer.eqf_min..=offer.eqf_max).map(|level| ("eqf", level.to_string())));
            for req in &offer.languages {
                terms.extend(language_levels(&req.lang).map(|lang| ("lang", lang)));
            }
            let text = offer
                .title
                .texts()
                .chain(offer.description.texts())
                .chain(offer.city.as_deref())
                .chain(offer.outcomes.iter().map(String::as_str));
            terms.extend(text.flat_map(words).map(|word| (WORD_FIELD, word)));
        }
        Content::Need(need) => {
            // A need without a country preference takes any country: it is
            // indexed under `country` = ANY_COUNTRY, which a country filter adds.
            if need.countries.is_empty() {
                terms.push(("country", ANY_COUNTRY.to_owned()));
            }
            terms.extend(need.countries.iter().map(|country| ("country", country.clone())));
            terms.extend(isced_levels(&need.isced).map(|code| ("sector", code)));
            terms.extend(need.nace.iter().flat_map(|code| nace_levels(code)).map(|code| ("sector", code)));
            terms.push(("eqf", need.eqf.to_string()));
            for req in &need.languages {
                terms.extend(language_levels(&req.lang).map(|lang| ("lang", lang)));
            }
            terms.push(("age", need.age.as_str().to_owned()));
            let text = need.title.texts().chain(need.description.texts()).chain(need.qualification.as_deref());
            terms.extend(text.flat_map(words).map(|word| (WORD_FIELD, word)));
        }
        Content::NetworkProfile(network) => {
            terms.extend(network.countries.iter().map(|country| ("country", country.clone())));
            // `region`: each region with its broader levels (SE332 under SE3,
            // SE33 and SE332), so a search for SE33 finds what lies within it.
            // `covers`: the areas it covers whole (its regions, or its
            // countries when it names none), so a search finds it from within.
            for region in &network.regions {
                terms.extend((3..=region.len()).filter_map(|len| region.get(..len)).map(|r| ("region", r.to_owned())));
                terms.push(("covers", region.clone()));
            }
            if network.regions.is_empty() {
                terms.extend(network.countries.iter().map(|country| ("covers", country.clone())));
            }
            for lang in &network.languages {
                terms.extend(language_levels(lang).map(|lang| ("lang", lang)));
            }
            terms.push(("joining", network.joining.as_str().to_owned()));
            terms.extend(network.topics.iter().flat_map(|topic| words(topic)).map(|word| (WORD_FIELD, word)));
        }
        Content::Event(event) => {
            // `start` is the local day it starts (`YYYY-MM-DD`): its terms
            // sort by day, so a search from a day reads them in order.
            terms.push(("start", event.start_day().to_owned()));
            terms.extend(event.country.iter().map(|country| ("country", country.clone())));
            terms.extend(event.network_id().map(|network| ("network", hex::encode(network.as_bytes()))));
            terms.push(("event-kind", event.kind.as_str().to_owned()));
            terms.extend(event.audience.iter().map(|group| ("audience", group.as_str().to_owned())));
            for lang in &event.langs {
                terms.extend(language_levels(lang).map(|lang| ("lang", lang)));
            }
            let text = event
                .title
                .texts()
                .chain(event.agenda.texts())
                .chain(event.city.as_deref())
                .chain(event.topics.iter().map(String::as_str));
            terms.extend(text.flat_map(words).map(|word| (WORD_FIELD, word)));
        }
        Content::SkillsNeed(need) => skills_need_terms(need, &mut terms),
        Content::Resource(resource) => {
            terms.push(("category", resource.category.as_str().to_owned()));
            terms.extend(language_levels(&resource.lang).map(|lang| ("lang", lang)));
            let text = std::iter::once(resource.title.as_str()).chain(resource.summary.as_deref());
            terms.extend(text.flat_map(words).map(|word| (WORD_FIELD, word)));
        }
        // Read per author (the regional picture), never searched by content.
        Content::IssuanceStats(_) => {}
        Content::Profile(profile) => {
            terms.push(("country", profile.country.clone()));
            if let Some(code) = &profile.nuts {
                terms.extend(nuts::with_parents(code).map(|level| ("region", level.to_owned())));
            }
            terms.push(("institution", profile.institution.as_str().to_owned()));
            terms.extend(profile.isced.iter().flat_map(|code| isced_levels(code)).map(|code| ("sector", code)));
            terms.extend(profile.nace.iter().flat_map(|code| nace_levels(code)).map(|code| ("sector", code)));
            for lang in &profile.languages {
                terms.extend(language_levels(lang).map(|lang| ("lang", lang)));
            }
            let text = profile
                .name
                .texts()
                .chain(profile.description.texts())
                .chain(profile.city.as_deref())
                .chain(profile.region.as_deref());
            terms.extend(text.flat_map(words).map(|word| (WORD_FIELD, word)));
        }
    }
    terms
}

/// A skills need is found by its region at every NUTS level (a search for
/// `SE33` finds `SE332`; `area` is its own code only, so a region's page
/// also finds the needs of the regions it lies in), by ISCO-08 code at every
/// level, by field at every level, and by the words of its title and skill
/// labels.
fn skills_need_terms(need: &vetnet_protocol::skills_need::SkillsNeedBody, terms: &mut Vec<(&'static str, String)>) {
    terms.push(("country", nuts::country(&need.region).to_owned()));
    terms.extend(nuts::with_parents(&need.region).map(|level| ("region", level.to_owned())));
    terms.push(("area", need.region.clone()));
    if let Some(isco) = &need.isco {
        terms.extend((1..=isco.len()).map(|end| ("isco", isco[..end].to_owned())));
    }
    terms.extend(need.occupation.iter().map(|uri| ("occupation", uri.clone())));
    terms.extend(need.isced.iter().flat_map(|code| isced_levels(code)).map(|code| ("sector", code)));
    terms.extend(need.skills.iter().map(|skill| ("skill", skill.uri.clone())));
    let text = need.title.texts().chain(need.skills.iter().filter_map(|skill| skill.label.as_deref()));
    terms.extend(text.flat_map(words).map(|word| (WORD_FIELD, word)));
}

/// The words of `text` as the index holds them: lower case, accents and
/// diacritics removed (`Luleå` → `lulea`, `Gdańsk` → `gdansk`, `Øresund` →
/// `oresund`, `Straße` → `strasse`), split at every character that is not a
/// letter or digit, and cut at [`MAX_WORD_CHARS`] characters. A query is
/// split the same way, and each of its words must start a word of the record.
pub fn words(text: &str) -> Vec<String> {
    let split = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(|word| match word.char_indices().nth(MAX_WORD_CHARS) {
                Some((end, _)) => word[..end].to_lowercase(),
                None => word.to_lowercase(),
            })
            .collect()
    };
    if text.is_ascii() {
        // Nothing to fold: most records, and the fast path.
        return split(text);
    }
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)) {
        match c {
            'ø' | 'Ø' => folded.push('o'),
            'æ' | 'Æ' => folded.push_str("ae"),
            'œ' | 'Œ' => folded.push_str("oe"),
            'ß' => folded.push_str("ss"),
            'ł' | 'Ł' => folded.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => folded.push('d'),
            'þ' | 'Þ' => folded.push_str("th"),
            'ı' => folded.push('i'),
            c => folded.push(c),
        }
    }
    split(&folded)
}

/// `0715` → `07`, `071`, `0715`.
fn isced_levels(code: &str) -> impl Iterator<Item = String> + '_ {
    (2..=code.len()).filter_map(move |len| code.get(..len).map(str::to_owned))
}

/// `F41.20` → `F`, `F41`, `F41.2`, `F41.20`.
fn nace_levels(code: &str) -> Vec<String> {
    let mut levels: Vec<String> = code.get(..1).map(str::to_owned).into_iter().collect();
    for len in [3, 5, 6] {
        if let Some(level) = code.get(..len) {
            levels.push(level.to_owned());
        }
    }
    levels.dedup();
    levels
}

/// `en-GB` → `en`, `en-GB`.
fn language_levels(tag: &str) -> impl Iterator<Item = String> + '_ {
    let primary = tag.split('-').next().unwrap_or(tag);
    std::iter::once(primary.to_owned()).chain((primary != tag).then(|| tag.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn words_fold_case_accents_and_nordic_letters() {
        assert_eq!(collect("Luleå Tekniska"), ["lulea", "tekniska"]);
        assert_eq!(collect("Øresund, Straße; Gdańsk—Łódź"), ["oresund", "strasse", "gdansk", "lodz"]);
        assert_eq!(collect("CNC-operator (EQF 4)"), ["cnc", "operator", "eqf", "4"]);
        assert_eq!(collect("Pärnu Ülenurme"), ["parnu", "ulenurme"]);
        assert!(collect(" \t—… ").is_empty());
        assert_eq!(collect(&"x".repeat(100))[0].len(), MAX_WORD_CHARS);
    }

    #[test]
    fn slots_are_added_removed_and_reused() {
        let mut index = SearchIndex::default();
        let terms = |values: &[&str]| encode_term_list(&values.iter().map(|v| term("word", v)).collect::<Vec<_>>());
        let a = index.allocate();
        index.add(a, "offer", &terms(&["welding", "steel"]), SlotEntry { ts: 10, hash: RecordHash([1; 32]) });
        let b = index.allocate();
        index.add(b, "offer", &terms(&["welder"]), SlotEntry { ts: 20, hash: RecordHash([2; 32]) });
        assert_eq!(index.word_prefix("offer", "weld").len(), 2);
        assert_eq!(index.word_prefix("offer", "welding").len(), 1);
        assert_eq!(index.word_prefix("profile", "weld").len(), 0);
        let newest = index.newest(&index.all("offer"), 1);
        assert_eq!(newest, [SlotEntry { ts: 20, hash: RecordHash([2; 32]) }]);

        index.remove(a, "offer", &terms(&["welding", "steel"]));
        index.release(a);
        assert_eq!(index.word_prefix("offer", "weld").len(), 1);
        assert_eq!(index.counts().get("offer"), Some(&1));
        assert_eq!(index.allocate(), a, "a released slot is reused");
        assert!(terms_are_valid(&terms(&["a", "b"])));

        let snapshot = index.to_snapshot();
        let restored = SearchIndex::from_snapshot(&snapshot).expect("a whole snapshot loads");
        assert_eq!(restored.to_snapshot(), snapshot, "the snapshot round-trips");
        assert_eq!(restored.word_prefix("offer", "weld").len(), 1);
        assert!(SearchIndex::from_snapshot(&snapshot[..snapshot.len() - 1]).is_none(), "a cut snapshot is refused");
        assert!(!terms_are_valid(&[0, 9, b'x']));
    }
}
