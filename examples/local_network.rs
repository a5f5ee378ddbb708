//! A local vetnet network in one process: four institutions in four
//! countries around the Baltic Sea, each running a real node.
//!
//! What it shows, top to bottom:
//!
//! 1. Starting a node: [`vetnet_node::initialize`] creates a data directory
//!    (keys, config, the first signed profile), [`Node::start`] runs it. The
//!    four nodes talk real libp2p over loopback TCP and keep real sled stores
//!    in a temporary directory. They form a line, each bootstrapping to the
//!    previous one:
//!
//!    ```text
//!    Luleå (SE) ── Kiel (DE) ── Tallinn (EE) ── Gdańsk (PL)
//!    ```
//!
//!    Luleå and Gdańsk never connect, yet they end up holding each other's
//!    records: every node validates and forwards what it receives, and a node
//!    that joins late catches up on what it missed by sync with its neighbour.
//! 2. Publishing: the hosts sign placement offers with
//!    [`Publisher::publish_offer`](vetnet_node::publish::Publisher::publish_offer).
//! 3. Searching: every node searches its *own local copy* of the network's
//!    records with [`search::search_offers`] and [`search::search_institutions`].
//! 4. Changing: a host updates an offer (a higher `seq` replaces the old
//!    version everywhere) and another withdraws one (a signed tombstone).
//! 5. Stopping: [`Node::shutdown`] stops each node's tasks and flushes its store.
//!
//! Every wait polls a condition with [`vetnet_tests::wait_until`] (and fails
//! after 20 s naming what it waited for); nothing sleeps and hopes.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run -p vetnet-examples --example local_network
//! RUST_LOG=vetnet_node=debug cargo run -p vetnet-examples --example local_network   # with the nodes' logs on stderr
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use vetnet_node::publish::{GossipState, PublishMode};
use vetnet_node::search::{self, InstitutionQuery, OfferQuery};
use vetnet_node::{DataDir, NetworkTiming, Node, NodeOptions};
use vetnet_protocol::fixtures;
use vetnet_protocol::offer::{Conditions, Contact, InsuranceCover, LanguageRequirement, OfferBody, Provision, Stipend};
use vetnet_protocol::profile::{InstitutionKind, PROFILE_ID, ProfileBody, VetProvision};
use vetnet_protocol::{Content, InstitutionId, LangText, RecordKey, RecordKind, VerifiedRecord};
use vetnet_tests::wait_until;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // The nodes log through `tracing`; set RUST_LOG to see them (on stderr).
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let started = Instant::now();
    let scratch = ScratchDir::new()?;

    let institutions = start_the_line(&scratch).await?;
    let [lulea, kiel, tallinn, gdansk] = &institutions;
    let all = [lulea, kiel, tallinn, gdansk];
    let published = publish_offers(all).await?;
    search_each_copy(all)?;
    update_and_withdraw(all).await?;
    let rejected = shut_down(institutions).await;
    drop(scratch);
    println!(
        "\nDone: 4 nodes in 4 countries, {published} offers published, 1 updated, 1 withdrawn, \
         {rejected} records rejected; all nodes converged and shut down cleanly in {:.1} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Phase 1: four nodes in a line, each knowing only the previous one; they
/// gossip and sync until every node holds every profile.
async fn start_the_line(scratch: &ScratchDir) -> anyhow::Result<[Institution; 4]> {
    // ── 1. Four institutions start their nodes, in a line ────────────────
    heading("1. Four institutions start their nodes");
    let lulea = Institution::start(scratch, "Luleå", lulea_profile(), None).await?;
    let kiel = Institution::start(scratch, "Kiel", kiel_profile(), Some(&lulea)).await?;
    let tallinn = Institution::start(scratch, "Tallinn", tallinn_profile(), Some(&kiel)).await?;
    let gdansk = Institution::start(scratch, "Gdańsk", gdansk_profile(), Some(&tallinn)).await?;
    let all = [&lulea, &kiel, &tallinn, &gdansk];

    // A node only gossips once peers have joined its records topic. The ends
    // of the line have one neighbour, the middle nodes two.
    let phase = Instant::now();
    for (institution, neighbours) in [(&lulea, 1), (&kiel, 2), (&tallinn, 2), (&gdansk, 1)] {
        wait_for_gossip_peers(institution, neighbours).await;
    }
    println!(
        "\nThe line is up: every node has its neighbours on the records topic ({} ms).",
        phase.elapsed().as_millis()
    );
    // Each profile was signed before anyone listened. Gossip reaches only the
    // nodes online when a record is sent: Luleå's profile went to Kiel before
    // Tallinn existed. Tallinn gets it anyway: on connecting, neighbours run
    // catch-up sync (set reconciliation) and fetch what they lack.
    wait_until("every node holds all four profiles", || async {
        all.iter().all(|i| i.live_count("profile") == all.len() as u64)
    })
    .await;
    println!("Every node now holds all four profiles ({} ms after the nodes started).", phase.elapsed().as_millis());
    println!("Institutions, as Gdańsk's node lists them from its own store:");
    for record in search::search_institutions(gdansk.node.store(), &InstitutionQuery::default())? {
        if let Content::Profile(p) = &record.content {
            println!(
                "  {} {:<13} {:<44} ISCED-F {:<19} NACE {}",
                p.country,
                p.institution.as_str(),
                p.name.best(&["en"]).unwrap_or_default(),
                list_or_dash(&p.isced),
                list_or_dash(&p.nace),
            );
        }
    }

    Ok([lulea, kiel, tallinn, gdansk])
}

/// Phase 2: the hosts publish their offers; returns how many.
async fn publish_offers(all: [&Institution; 4]) -> anyhow::Result<u64> {
    let [_, kiel, tallinn, gdansk] = all;
    // ── 2. The hosts publish placement offers ─────────────────────────────
    heading("2. Hosts publish placement offers");
    let phase = Instant::now();
    let mut published = 0;
    for (host, offers) in [(kiel, kiel_offers()), (tallinn, tallinn_offers()), (gdansk, gdansk_offers())] {
        for (id, offer) in offers {
            // Signs, checks the record exactly as peers will, stores it, gossips it.
            let result = host.node.publisher().publish_offer(id, &offer, PublishMode::Create).await?;
            let gossip = match result.gossip {
                GossipState::Sent => "sent to peers",
                GossipState::Queued => "queued in the outbox",
            };
            println!(
                "  {:<8} offer/{:<24} seq {}  {:<36} {gossip}",
                host.city,
                id,
                result.record.payload.seq,
                title(&offer)
            );
            published += 1;
        }
    }
    wait_until("every node holds every offer", || async { all.iter().all(|i| i.live_count("offer") == published) })
        .await;
    println!("\nAll {published} offers reached all four nodes in {} ms.", phase.elapsed().as_millis());

    Ok(published)
}

/// Offers in Germany in the engineering trades (ISCED-F 07) at EQF 4; sector
/// codes match at any level, so "07" finds 0715.
fn in_de_07_eqf4() -> OfferQuery {
    OfferQuery { countries: vec!["DE".into()], sector: Some("07".into()), eqf: Some(4), ..Default::default() }
}

/// Phase 3: each node searches its own copy of the network.
fn search_each_copy(all: [&Institution; 4]) -> anyhow::Result<()> {
    let [lulea, kiel, tallinn, gdansk] = all;
    // ── 3. Each node searches its own copy ────────────────────────────────
    heading("3. Each node searches its own copy of the network");
    // Filters combine; sector codes match at any level, so "07" finds 0715.
    let in_de_07_eqf4 = in_de_07_eqf4();
    print_offers(lulea, "searches offers in DE with sector 07 (engineering trades) at EQF 4", &in_de_07_eqf4)?;

    let query = InstitutionQuery { sector: Some("0715".into()), ..Default::default() };
    println!("\nKiel searches institutions with sector 0715 (mechanics and metal trades), to find partner schools:");
    for record in search::search_institutions(kiel.node.store(), &query)? {
        if let Content::Profile(p) = &record.content {
            let name = p.name.best(&["de", "en"]).unwrap_or_default();
            let languages = p.languages.join(", ");
            println!("  {} {:<13} {name:<44} works in {languages}", p.country, p.institution.as_str());
            println!("     {}", record.author);
        }
    }

    let query = OfferQuery {
        countries: vec!["DE".into(), "PL".into(), "SE".into()],
        sector: Some("1013".into()),
        eqf: Some(3),
        lang: Some("en".into()),
        ..Default::default()
    };
    print_offers(
        tallinn,
        "searches abroad (DE, PL, SE) for 1013 (hotel, restaurants, catering), EQF 3, in English",
        &query,
    )?;

    let query = OfferQuery { sector: Some("F".into()), ..Default::default() };
    print_offers(gdansk, "searches offers in NACE section F (construction)", &query)?;

    let welding = OfferQuery { text: Some("welding".into()), ..Default::default() };
    print_offers(gdansk, "searches free text \"welding\" (title, description, city, outcomes)", &welding)?;
    let counts: Vec<String> = all.iter().map(|i| format!("{} {}", i.city, i.offers(&welding).len())).collect();
    println!("  The same search on every node finds the same: {}.", counts.join(", "));

    Ok(())
}

/// Phase 4: Kiel updates an offer, Gdańsk withdraws one; every node sees both.
async fn update_and_withdraw(all: [&Institution; 4]) -> anyhow::Result<()> {
    let [lulea, kiel, _, gdansk] = all;
    // ── 4. One offer is updated, another withdrawn ────────────────────────
    heading("4. Kiel updates an offer, Gdańsk withdraws one");
    let before: Vec<View> = all.iter().map(|i| i.view()).collect::<anyhow::Result<_>>()?;
    let phase = Instant::now();

    // An update is the same id signed again with the next seq.
    let mut updated = kiel_offers().remove(0).1;
    updated.title = LangText::new("en", "CNC machining, MAG and TIG welding");
    updated.places = 3;
    updated.conditions.accommodation = Some(Provision::Provided);
    updated.conditions.stipend = Some(Stipend { amount: 520, currency: "EUR".into() });
    let update = kiel.node.publisher().publish_offer(CNC_WELDING, &updated, PublishMode::Update).await?;
    println!(
        "  Kiel     offer/{CNC_WELDING} seq {}: 3 places instead of 2, housing provided, 520 EUR/month",
        update.record.payload.seq
    );
    // A withdrawal is a signed tombstone with the next seq: nodes keep it, so
    // an older copy arriving later cannot bring the offer back.
    let withdrawal = gdansk.node.publisher().withdraw(RecordKind::Offer, HULL_WELDING).await?;
    println!("  Gdańsk   offer/{HULL_WELDING} seq {}: withdrawn, all places filled", withdrawal.record.payload.seq);

    let cnc_key = offer_key(kiel, CNC_WELDING);
    let hull_key = offer_key(gdansk, HULL_WELDING);
    wait_until("every node holds Kiel's update and Gdańsk's withdrawal", || async {
        all.iter().all(|i| {
            let store = i.node.store();
            store.seq_of(&cnc_key).ok().flatten() == Some(update.record.payload.seq)
                && store.get(&hull_key).ok().flatten().is_some_and(|r| r.is_withdrawn())
        })
    })
    .await;
    println!(
        "\nBoth changes reached all four nodes in {} ms. How each node's view changed:",
        phase.elapsed().as_millis()
    );
    for (institution, before) in all.iter().zip(&before) {
        let after = institution.view()?;
        println!("  {:<8} {} → {} live offers", institution.city, before.len(), after.len());
        for line in changes(before, &after) {
            println!("             {line}");
        }
    }
    print_offers(lulea, "repeats its search (DE, sector 07, EQF 4)", &in_de_07_eqf4())?;

    Ok(())
}

/// Phase 5: every node shuts down cleanly; returns how many records peers
/// sent that failed verification.
async fn shut_down(institutions: [Institution; 4]) -> u64 {
    // ── 5. Clean shutdown ─────────────────────────────────────────────────
    heading("5. Shutting down");
    let mut rejected = 0;
    for institution in institutions {
        let (accepted, ignored, rejected_here) = institution.node.stats().snapshot();
        rejected += rejected_here;
        let city = institution.city;
        // Stops the gossip loop, the ingest task and the admin API, then flushes the store.
        institution.node.shutdown().await;
        println!(
            "  {city:<8} stopped; gossip verdicts: {accepted} accepted, {ignored} ignored, {rejected_here} rejected"
        );
    }
    rejected
}

// ── Running an institution's node ─────────────────────────────────────────

/// One institution's running node.
struct Institution {
    /// Short name for the printout.
    city: &'static str,
    node: Node,
}

impl Institution {
    /// Creates the institution's data directory (keys, config, signed
    /// profile) and starts its node, joining the network through `bootstrap`.
    async fn start(
        scratch: &ScratchDir,
        city: &'static str,
        profile: ProfileBody,
        bootstrap: Option<&Institution>,
    ) -> anyhow::Result<Institution> {
        let data_dir = DataDir::new(scratch.path().join(ascii_slug(city)));
        // Each node's listen addresses carry its peer id: `/ip4/127.0.0.1/tcp/PORT/p2p/12D3KooW…`.
        let bootstrap_addrs: Vec<_> = bootstrap.iter().map(|b| b.node.info().listen_addrs[0].clone()).collect();
        // Loopback only, system-picked ports, the default network name ("bsr").
        let config = vetnet_tests::test_config(&bootstrap_addrs);
        let id = vetnet_node::initialize(&data_dir, &config, &profile)?;
        // `NetworkTiming::fast()` shortens heartbeats for loopback; a real node uses the defaults.
        let node = Node::start(NodeOptions { data_dir, config, timing: NetworkTiming::fast() }).await?;

        let info = node.info();
        println!("{city} ({}): {}", profile.country, profile.name.best(&["en"]).unwrap_or_default());
        println!("  institution {id}");
        println!("  peer        {}", info.peer_id);
        println!("  listens on  {}", info.listen_addrs[0]);
        match bootstrap {
            Some(peer) => println!("  bootstraps  to {}", peer.city),
            None => println!("  bootstraps  to nobody: the first node"),
        }
        Ok(Institution { city, node })
    }

    fn offers(&self, query: &OfferQuery) -> Vec<VerifiedRecord> {
        search::search_offers(self.node.store(), query).expect("the local store answers")
    }

    /// Live (not withdrawn) records of `kind` in this node's store.
    fn live_count(&self, kind: &str) -> u64 {
        self.node.store().counts().ok().and_then(|c| c.get(kind).copied()).unwrap_or(0)
    }

    /// The name of an institution, from the profile this node holds for it.
    fn name_of(&self, author: InstitutionId) -> String {
        let key = RecordKey { author, kind: RecordKind::Profile.as_str().into(), id: PROFILE_ID.into() };
        match self.node.store().get(&key).ok().flatten().map(|r| r.content) {
            Some(Content::Profile(p)) => p.name.best(&["en"]).unwrap_or_default().to_owned(),
            _ => "(unknown institution)".to_owned(),
        }
    }

    /// Every live offer this node holds: key → (seq, title, places).
    fn view(&self) -> anyhow::Result<View> {
        let mut view = View::new();
        for record in
            search::search_offers(self.node.store(), &OfferQuery { limit: Some(1_000), ..Default::default() })?
        {
            if let Content::Offer(offer) = &record.content {
                let host = self.name_of(record.author);
                view.insert(record.key(), (record.payload.seq, host, title(offer), offer.places));
            }
        }
        Ok(view)
    }
}

type View = BTreeMap<RecordKey, (u64, String, String, u32)>;

/// Waits until `institution`'s node has `n` peers on the records topic.
async fn wait_for_gossip_peers(institution: &Institution, n: usize) {
    wait_until(&format!("{} has {n} peers on the records topic", institution.city), || async {
        institution.node.network().status().await.is_ok_and(|s| s.topic_peers >= n)
    })
    .await;
}

fn offer_key(host: &Institution, id: &str) -> RecordKey {
    RecordKey { author: host.node.info().institution, kind: RecordKind::Offer.as_str().into(), id: id.into() }
}

/// What changed between two views of the same node, one line per offer.
fn changes(before: &View, after: &View) -> Vec<String> {
    let mut lines = Vec::new();
    for (key, (seq, host, title, places)) in before {
        match after.get(key) {
            None => lines.push(format!("- {host}: \"{title}\" withdrawn (v{seq} replaced by a tombstone)")),
            Some((new_seq, _, new_title, new_places)) if new_seq != seq => lines.push(format!(
                "~ {host}: \"{title}\" v{seq} → v{new_seq} \"{new_title}\", {places} → {new_places} places"
            )),
            Some(_) => {}
        }
    }
    for (key, (seq, host, title, _)) in after {
        if !before.contains_key(key) {
            lines.push(format!("+ {host}: \"{title}\" v{seq}"));
        }
    }
    lines
}

// ── Printing ──────────────────────────────────────────────────────────────

fn heading(text: &str) {
    println!("\n== {text} ==");
}

/// Runs `query` on `viewer`'s store and prints the results as a table.
fn print_offers(viewer: &Institution, what: &str, query: &OfferQuery) -> anyhow::Result<()> {
    let results = search::search_offers(viewer.node.store(), query)?;
    println!("\n{} {what}: {} found", viewer.city, results.len());
    if results.is_empty() {
        return Ok(());
    }
    println!(
        "  {:<34} {:<24} {:<3} {:<5} {:<12} {:<10} conditions",
        "offer", "host (from its profile)", "EQF", "weeks", "languages", "apply by"
    );
    for record in &results {
        let Content::Offer(offer) = &record.content else { continue };
        let languages: Vec<String> = offer
            .languages
            .iter()
            .map(|l| format!("{} {}", l.lang, l.cefr.as_deref().unwrap_or("")).trim().to_owned())
            .collect();
        println!(
            "  {:<34} {:<24} {:<3} {:<5} {:<12} {:<10} {}",
            clip(title(offer), 34),
            clip(viewer.name_of(record.author), 24),
            range(offer.eqf_min.into(), offer.eqf_max.into()),
            range(offer.weeks_min, offer.weeks_max),
            languages.join(", "),
            offer.deadline.as_deref().unwrap_or("-"),
            conditions(offer),
        );
    }
    Ok(())
}

fn title(offer: &OfferBody) -> String {
    offer.title.best(&["en"]).unwrap_or_default().to_owned()
}

fn range(min: u32, max: u32) -> String {
    if min == max { min.to_string() } else { format!("{min}-{max}") }
}

fn clip(text: String, width: usize) -> String {
    if text.chars().count() <= width { text } else { text.chars().take(width - 1).chain(['…']).collect() }
}

fn list_or_dash(codes: &[String]) -> String {
    if codes.is_empty() { "-".to_owned() } else { codes.join(",") }
}

/// The practical conditions in a few words: accommodation provided or help
/// finding it, the monthly stipend, and whether under-18s are accepted.
fn conditions(offer: &OfferBody) -> String {
    let c = &offer.conditions;
    let mut parts = Vec::new();
    match c.accommodation {
        Some(Provision::Provided) => parts.push("housing".to_owned()),
        Some(Provision::Assisted) => parts.push("housing help".to_owned()),
        Some(Provision::None) | None => {}
    }
    if let Some(Stipend { amount, currency }) = &c.stipend {
        parts.push(format!("{amount} {currency}/mo"));
    }
    parts.push(if c.minors { "minors ok" } else { "18+" }.to_owned());
    parts.join(", ")
}

/// `Gdańsk` → `gdansk`, for directory names.
fn ascii_slug(city: &str) -> String {
    city.chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ń' => 'n',
            'ö' => 'o',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

// ── The institutions and their offers ─────────────────────────────────────

/// Text in several languages, e.g. a name in the local language and English.
fn texts(pairs: &[(&str, &str)]) -> LangText {
    LangText(pairs.iter().map(|(lang, text)| ((*lang).to_owned(), (*text).to_owned())).collect())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// `de:B1` means "works in German, at least CEFR B1".
fn languages(specs: &[&str]) -> Vec<LanguageRequirement> {
    specs.iter().map(|s| s.parse().expect("a valid language requirement")).collect()
}

fn lulea_profile() -> ProfileBody {
    let mut profile = fixtures::profile("Luleå Vocational Upper Secondary School", "SE", InstitutionKind::VetProvider);
    profile.name = texts(&[("sv", "Luleå yrkesgymnasium"), ("en", "Luleå Vocational Upper Secondary School")]);
    profile.vet = vec![VetProvision::Ivet];
    profile.region = Some("Norrbotten".into());
    profile.city = Some("Luleå".into());
    // Electricity and energy, mechanics and metal trades, motor vehicles, building.
    profile.isced = strings(&["0713", "0715", "0716", "0732"]);
    profile.languages = strings(&["sv", "en"]);
    profile.website = Some("https://lulea-yrkesgymnasium.example".into());
    profile.email = Some("apl@lulea-yrkesgymnasium.example".into());
    profile.description =
        texts(&[("en", "Industrial and building programmes; sends learners abroad for 4 to 12 weeks.")]);
    profile // `nodes` is filled in by the node when it starts
}

fn kiel_profile() -> ProfileBody {
    let mut profile = fixtures::profile("Förde Metallbau GmbH", "DE", InstitutionKind::Company);
    profile.name = texts(&[("de", "Förde Metallbau GmbH")]);
    profile.region = Some("Schleswig-Holstein".into());
    profile.city = Some("Kiel".into());
    // Structural metal products; machining.
    profile.nace = strings(&["C25.1", "C25.6"]);
    profile.languages = strings(&["de", "en"]);
    profile.website = Some("https://foerde-metallbau.example".into());
    profile.email = Some("ausbildung@foerde-metallbau.example".into());
    profile.registration = Some("HRB 0000 KI".into());
    profile.description = texts(&[("de", "Stahl- und Metallbau, CNC-Fertigung, 60 Beschäftigte, 8 Auszubildende.")]);
    profile
}

fn tallinn_profile() -> ProfileBody {
    let mut profile = fixtures::profile("Tallinn Hotel and Catering School", "EE", InstitutionKind::VetProvider);
    profile.name = texts(&[("et", "Tallinna Hotelli- ja Toitlustuskool"), ("en", "Tallinn Hotel and Catering School")]);
    profile.vet = vec![VetProvision::Ivet, VetProvision::Cvet];
    profile.region = Some("Harju".into());
    profile.city = Some("Tallinn".into());
    // Hotel, restaurants and catering; travel, tourism and leisure.
    profile.isced = strings(&["1013", "1015"]);
    profile.languages = strings(&["et", "en", "fi"]);
    profile.website = Some("https://tallinn-hotel-school.example".into());
    profile.email = Some("mobility@tallinn-hotel-school.example".into());
    profile.description =
        texts(&[("en", "Cooks, waiters and receptionists; runs a training restaurant in the Old Town.")]);
    profile
}

fn gdansk_profile() -> ProfileBody {
    let mut profile = fixtures::profile("Gdańsk Chamber of Crafts", "PL", InstitutionKind::Chamber);
    profile.name = texts(&[("pl", "Gdańska Izba Rzemiosła"), ("en", "Gdańsk Chamber of Crafts")]);
    profile.region = Some("Pomorskie".into());
    profile.city = Some("Gdańsk".into());
    profile.isced = strings(&["0715", "0732", "1013"]);
    profile.languages = strings(&["pl", "en", "de"]);
    profile.website = Some("https://gdansk-crafts.example".into());
    profile.email = Some("praktyki@gdansk-crafts.example".into());
    profile.description = texts(&[("en", "Publishes placements at member companies: shipyards, builders, hotels.")]);
    profile
}

/// A placement in `city` with the fields every offer here shares (1 place at
/// EQF 4, a fixed start on 1 March 2027, 4 weeks); `details` sets the rest.
fn placement(title: &str, isced: &str, country: &str, city: &str, details: impl FnOnce(&mut OfferBody)) -> OfferBody {
    let mut offer = fixtures::minimal_offer(title, country, isced, 4);
    offer.city = Some(city.into());
    details(&mut offer);
    offer
}

const CNC_WELDING: &str = "cnc-welding-2027";
const HULL_WELDING: &str = "hull-welding-2027";

fn kiel_offers() -> Vec<(&'static str, OfferBody)> {
    let contact = Contact {
        name: Some("Jana Petersen".into()),
        email: Some("ausbildung@foerde-metallbau.example".into()),
        phone: None,
    };
    vec![
        (
            CNC_WELDING,
            placement("CNC machining and MAG welding", "0715", "DE", "Kiel", |offer| {
                offer.description = texts(&[("en", "Learners rotate between the CNC cell and the welding shop.")]);
                offer.nace = Some("C25.6".into());
                offer.occupation = Some("7212".into()); // ISCO-08: welders and flame cutters
                offer.eqf_min = 3;
                offer.eqf_max = 4;
                offer.places = 2;
                offer.start = "2027-03-01".into();
                offer.end = Some("2027-06-30".into()); // start any time in this window
                offer.weeks_min = 8;
                offer.weeks_max = 12;
                offer.deadline = Some("2027-01-15".into());
                offer.languages = languages(&["de:A2", "en:B1"]);
                offer.outcomes = strings(&[
                    "Sets up and runs a 3-axis CNC milling machine under supervision",
                    "Welds fillet joints in steel with MAG to EN ISO 5817 level C",
                ]);
                offer.conditions = Conditions {
                    accommodation: Some(Provision::Assisted),
                    meals: Some(Provision::Provided),
                    stipend: Some(Stipend { amount: 450, currency: "EUR".into() }),
                    insurance: Some(InsuranceCover::Shared),
                    minors: false,
                    mentor: true,
                };
                offer.contact = Some(contact.clone());
            }),
        ),
        (
            "steel-assembly-2027",
            placement("Steel structure assembly", "0715", "DE", "Kiel", |offer| {
                offer.nace = Some("C25.1".into());
                offer.occupation = Some("7214".into()); // structural-metal preparers and erectors
                offer.eqf_min = 4;
                offer.eqf_max = 5;
                offer.places = 2;
                offer.start = "2027-04-12".into();
                offer.weeks_min = 6;
                offer.weeks_max = 6;
                offer.deadline = Some("2027-02-28".into());
                offer.languages = languages(&["de:B1"]);
                offer.outcomes = strings(&["Assembles steel frames from drawings, in the workshop and on site"]);
                offer.conditions = Conditions {
                    accommodation: Some(Provision::Provided),
                    insurance: Some(InsuranceCover::Host),
                    mentor: true,
                    ..Conditions::default()
                };
                offer.contact = Some(contact.clone());
            }),
        ),
        (
            "weld-inspection-2027",
            placement("Weld inspection and documentation", "0715", "DE", "Kiel", |offer| {
                offer.nace = Some("C25.1".into());
                offer.description =
                    texts(&[("en", "Visual inspection of MAG and TIG welding on load-bearing steel structures.")]);
                offer.occupation = Some("3115".into()); // mechanical engineering technicians
                offer.eqf_min = 5;
                offer.eqf_max = 5;
                offer.start = "2027-09-01".into();
                offer.weeks_min = 12;
                offer.weeks_max = 12;
                offer.deadline = Some("2027-06-30".into());
                offer.languages = languages(&["de:B2", "en:B2"]);
                offer.outcomes = strings(&["Inspects welds visually and documents them for EN 1090 execution class 2"]);
                offer.conditions = Conditions {
                    accommodation: Some(Provision::Assisted),
                    stipend: Some(Stipend { amount: 600, currency: "EUR".into() }),
                    mentor: true,
                    ..Conditions::default()
                };
                offer.contact = Some(contact);
            }),
        ),
    ]
}

fn tallinn_offers() -> Vec<(&'static str, OfferBody)> {
    vec![(
        "training-restaurant-2027",
        placement("Commis chef, training restaurant", "1013", "EE", "Tallinn", |offer| {
            offer.description = texts(&[
                ("en", "Prep, line and pastry shifts in the school's training restaurant."),
                ("et", "Praktika kooli õpperestoranis."),
            ]);
            offer.nace = Some("I56.10".into());
            offer.occupation = Some("5120".into()); // cooks
            offer.eqf_min = 3;
            offer.eqf_max = 4;
            offer.places = 4;
            offer.start = "2027-02-01".into();
            offer.end = Some("2027-05-31".into());
            offer.weeks_min = 4;
            offer.weeks_max = 8;
            offer.deadline = Some("2027-01-10".into());
            offer.languages = languages(&["en:B1"]);
            offer.outcomes = strings(&["Prepares cold starters and Estonian dishes to the restaurant's standards"]);
            offer.conditions = Conditions {
                accommodation: Some(Provision::Provided), // the school's student hostel
                meals: Some(Provision::Provided),
                insurance: Some(InsuranceCover::SendingSchool),
                minors: true,
                mentor: true,
                ..Conditions::default()
            };
        }),
    )]
}

fn gdansk_offers() -> Vec<(&'static str, OfferBody)> {
    vec![
        (
            HULL_WELDING,
            placement("Hull welding at a ship repair yard", "0715", "PL", "Gdańsk", |offer| {
                offer.nace = Some("C33.15".into()); // repair and maintenance of ships and boats
                offer.occupation = Some("7212".into());
                offer.places = 3;
                offer.start = "2027-03-15".into();
                offer.weeks_min = 8;
                offer.weeks_max = 8;
                offer.deadline = Some("2027-01-31".into());
                offer.languages = languages(&["en:B1", "pl:A1"]);
                offer.outcomes = strings(&["Welds hull plates in a ship repair yard under a certified welder"]);
                offer.conditions = Conditions {
                    accommodation: Some(Provision::Provided),
                    stipend: Some(Stipend { amount: 2000, currency: "PLN".into() }),
                    insurance: Some(InsuranceCover::Host),
                    mentor: true,
                    ..Conditions::default()
                };
            }),
        ),
        (
            "hotel-kitchen-2027",
            placement("Kitchen in an Old Town hotel", "1013", "PL", "Gdańsk", |offer| {
                offer.nace = Some("I55.10".into());
                offer.occupation = Some("5120".into());
                offer.eqf_min = 3;
                offer.eqf_max = 4;
                offer.places = 2;
                offer.start = "2027-05-03".into();
                offer.end = Some("2027-09-30".into());
                offer.weeks_min = 6;
                offer.weeks_max = 12;
                offer.deadline = Some("2027-03-31".into());
                offer.languages = languages(&["en:A2"]);
                offer.outcomes = strings(&["Runs the breakfast buffet and assists on the à la carte line"]);
                offer.conditions = Conditions {
                    accommodation: Some(Provision::Assisted),
                    meals: Some(Provision::Provided),
                    stipend: Some(Stipend { amount: 1200, currency: "PLN".into() }),
                    minors: true,
                    mentor: true,
                    ..Conditions::default()
                };
            }),
        ),
        (
            "bricklaying-2027",
            placement("Bricklaying and plastering", "0732", "PL", "Gdańsk", |offer| {
                offer.nace = Some("F41.20".into()); // construction of residential and non-residential buildings
                offer.occupation = Some("7112".into()); // bricklayers
                offer.eqf_min = 3;
                offer.eqf_max = 3;
                offer.places = 2;
                offer.start = "2027-04-05".into();
                offer.deadline = Some("2027-02-15".into());
                offer.languages = languages(&["en:A2", "de:A2"]);
                offer.outcomes = strings(&["Lays brick and block walls and plasters them on a residential site"]);
                offer.conditions = Conditions {
                    accommodation: Some(Provision::Assisted),
                    insurance: Some(InsuranceCover::SendingSchool),
                    mentor: true,
                    ..Conditions::default()
                };
            }),
        ),
    ]
}

// ── Scratch space ─────────────────────────────────────────────────────────

/// A fresh directory for the nodes' data, removed when the example ends. (A
/// real institution keeps its data directory: it holds the signing key.)
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn new() -> std::io::Result<Self> {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!("vetnet-local-network-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path)?;
        Ok(Self(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
