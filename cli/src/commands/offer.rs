//! `vetnet offer publish|list|show|update|withdraw`.

use serde_json::{Map, Value, json};
use vetnet_protocol::offer::{InsuranceCover, LanguageRequirement, Provision};
use vetnet_views::{Offer, OfferView};

use crate::args::{OfferCommand, OfferFields};
use crate::client::ApiClient;
use crate::commands::own::{OwnKind, read_toml_file};
use crate::commands::profile::set_translation;
use crate::commands::{lang_text, name_or_did, opt};
use crate::failure::Failure;
use crate::printer::Printer;

const OFFERS: OwnKind = OwnKind { noun: "offer", path: "/v1/offers" };

pub async fn run(client: &ApiClient, command: OfferCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        OfferCommand::Publish(args) => {
            let mut fields = Map::new();
            apply_offer_fields(&mut fields, &args.fields)?;
            for (field, flag) in [
                ("title", "--title"),
                ("isced", "--sector"),
                ("eqf_min", "--eqf"),
                ("places", "--places"),
                ("start", "--start"),
                ("weeks_min", "--weeks"),
            ] {
                if !fields.contains_key(field) {
                    return Err(Failure::user(format!(
                        "{flag} is required to publish an offer (or `{field}` in --file)"
                    )));
                }
            }
            OFFERS.publish::<Offer>(client, args.id, fields, printer).await?;
        }
        OfferCommand::List { all } => {
            let offers: Vec<OfferView> = OFFERS.list(client, all).await?;
            print_offers(
                &offers,
                printer,
                "This institution has no offers yet. Publish one with `vetnet offer publish`.",
            );
        }
        OfferCommand::Show { id } => show(&OFFERS.show(client, &id).await?, printer),
        OfferCommand::Update { id, fields: flags } => {
            OFFERS.update::<Offer>(client, &id, |fields| apply_offer_fields(fields, &flags), printer).await?;
        }
        OfferCommand::Withdraw { id } => OFFERS.withdraw::<Offer>(client, &id, printer).await?,
    }
    Ok(())
}

/// `4` → (4, 4); `3-5` → (3, 5).
pub(crate) fn range(flag: &str, value: &str) -> anyhow::Result<(u64, u64)> {
    let parse = |s: &str| {
        s.trim()
            .parse::<u64>()
            .map_err(|_| Failure::user(format!("{flag}: {value:?} is not a number or a range like 3-5")))
    };
    match value.split_once('-') {
        Some((low, high)) => Ok((parse(low)?, parse(high)?)),
        None => {
            let n = parse(value)?;
            Ok((n, n))
        }
    }
}

/// Writes offer flags (and `--file`) into an offer's JSON fields.
fn apply_offer_fields(fields: &mut Map<String, Value>, flags: &OfferFields) -> anyhow::Result<()> {
    if let Some(path) = &flags.file {
        fields.extend(read_toml_file(path)?);
    }
    let lang = flags.text_lang.as_str();
    if let Some(title) = &flags.title {
        set_translation(fields, "title", lang, title);
    }
    if let Some(description) = &flags.description {
        set_translation(fields, "description", lang, description);
    }
    for (key, value) in [
        ("isced", &flags.sector),
        ("nace", &flags.nace),
        ("occupation", &flags.occupation),
        ("start", &flags.start),
        ("end", &flags.end),
        ("deadline", &flags.deadline),
        ("city", &flags.city),
    ] {
        if let Some(value) = value {
            fields.insert(key.into(), json!(value.trim()));
        }
    }
    if let Some(country) = &flags.country {
        fields.insert("country".into(), json!(country.trim().to_ascii_uppercase()));
    }
    if let Some(eqf) = &flags.eqf {
        let (low, high) = range("--eqf", eqf)?;
        fields.insert("eqf_min".into(), json!(low));
        fields.insert("eqf_max".into(), json!(high));
    }
    if let Some(weeks) = &flags.weeks {
        let (low, high) = range("--weeks", weeks)?;
        fields.insert("weeks_min".into(), json!(low));
        fields.insert("weeks_max".into(), json!(high));
    }
    if let Some(places) = flags.places {
        fields.insert("places".into(), json!(places));
    }
    if !flags.languages.is_empty() {
        let mut languages = Vec::new();
        for lang in &flags.languages {
            let req: LanguageRequirement = lang.parse().map_err(|e| Failure::user(format!("--lang: {e}")))?;
            languages.push(serde_json::to_value(req)?);
        }
        fields.insert("languages".into(), Value::Array(languages));
    }
    if !flags.outcome.is_empty() {
        fields.insert("outcomes".into(), json!(flags.outcome));
    }
    if !flags.esco_skill.is_empty() {
        fields.insert("esco_skills".into(), json!(flags.esco_skill));
    }
    let mut conditions = match fields.remove("conditions") {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    if let Some(v) = &flags.accommodation {
        v.parse::<Provision>().map_err(|e| Failure::user(format!("--accommodation: {e}")))?;
        conditions.insert("accommodation".into(), json!(v));
    }
    if let Some(v) = &flags.meals {
        v.parse::<Provision>().map_err(|e| Failure::user(format!("--meals: {e}")))?;
        conditions.insert("meals".into(), json!(v));
    }
    if let Some(v) = &flags.insurance {
        v.parse::<InsuranceCover>().map_err(|e| Failure::user(format!("--insurance: {e}")))?;
        conditions.insert("insurance".into(), json!(v));
    }
    if let Some(v) = &flags.stipend {
        let mut parts = v.split_whitespace();
        let amount = parts.next().and_then(|a| a.parse::<u32>().ok());
        let currency = parts.next().map(str::to_ascii_uppercase);
        match (amount, currency, parts.next()) {
            (Some(amount), Some(currency), None) => {
                conditions.insert("stipend".into(), json!({ "amount": amount, "currency": currency }));
            }
            _ => {
                return Err(Failure::user(format!(
                    "--stipend: write a whole monthly amount and a currency, like \"400 EUR\" (got {v:?})"
                )));
            }
        }
    }
    if flags.minors {
        conditions.insert("minors".into(), json!(true));
    }
    if flags.mentor {
        conditions.insert("mentor".into(), json!(true));
    }
    if !conditions.is_empty() {
        fields.insert("conditions".into(), Value::Object(conditions));
    }
    let mut contact = match fields.remove("contact") {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    for (key, value) in
        [("name", &flags.contact_name), ("email", &flags.contact_email), ("phone", &flags.contact_phone)]
    {
        if let Some(value) = value {
            contact.insert(key.into(), json!(value));
        }
    }
    if !contact.is_empty() {
        fields.insert("contact".into(), Value::Object(contact));
    }
    Ok(())
}

/// `4` for 4-4, `3-5` for 3-5.
pub(crate) fn range_text(low: impl std::fmt::Display, high: impl std::fmt::Display) -> String {
    let (low, high) = (low.to_string(), high.to_string());
    if low == high { low } else { format!("{low}-{high}") }
}

/// Languages as `sv A2, en`.
pub(crate) fn languages_text(languages: &[vetnet_views::LanguageRequirement]) -> String {
    languages
        .iter()
        .map(|l| match &l.cefr {
            Some(level) => format!("{} {level}", l.lang),
            None => l.lang.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A contact as `name, email, phone`, leaving out what it does not give.
pub(crate) fn contact_text(contact: Option<&vetnet_views::Contact>) -> String {
    let Some(contact) = contact else {
        return String::new();
    };
    [&contact.name, &contact.email, &contact.phone].into_iter().flatten().cloned().collect::<Vec<_>>().join(", ")
}

/// Offers as a table (or JSON).
pub(crate) fn print_offers(offers: &[OfferView], printer: Printer, empty: &str) {
    if printer.json {
        printer.value(offers);
        return;
    }
    if offers.is_empty() {
        printer.line(empty);
        return;
    }
    let rows: Vec<Vec<String>> = offers
        .iter()
        .map(|record| {
            let mut row = vec![record.id.clone(), name_or_did(&record.author_name, &record.author)];
            match &record.body {
                Some(o) => row.extend([
                    o.country.clone(),
                    opt(&o.city),
                    o.isced.clone(),
                    range_text(o.eqf_min, o.eqf_max),
                    o.places.to_string(),
                    o.start.clone(),
                    range_text(o.weeks_min, o.weeks_max),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 7)),
            }
            row.push(if record.withdrawn {
                "(withdrawn)".into()
            } else {
                record.body.as_ref().map(|o| lang_text(&o.title)).unwrap_or_default()
            });
            row
        })
        .collect();
    printer.table(&["ID", "HOST", "COUNTRY", "CITY", "ISCED-F", "EQF", "PLACES", "START", "WEEKS", "TITLE"], &rows);
}

fn show(offer: &OfferView, printer: Printer) {
    if printer.json {
        printer.value(offer);
        return;
    }
    if offer.withdrawn {
        printer.line(format!("Offer {} was withdrawn (version {}).", offer.id, offer.seq));
        return;
    }
    // A body field's text, or "" for a record this node cannot read.
    let field = |get: &dyn Fn(&Offer) -> String| offer.body.as_ref().map(get).unwrap_or_default();
    let yes_no = |yes: bool| if yes { "yes".to_owned() } else { "no".to_owned() };
    let lines = [
        ("Title", field(&|o| lang_text(&o.title))),
        ("Id", format!("{} (version {})", offer.id, offer.seq)),
        ("Host", opt(&offer.author_name)),
        ("Field (ISCED-F)", field(&|o| o.isced.clone())),
        ("Sector (NACE)", field(&|o| opt(&o.nace))),
        ("Occupation", field(&|o| opt(&o.occupation))),
        ("Where", field(&|o| format!("{} {}", opt(&o.city), o.country).trim().to_owned())),
        ("EQF", field(&|o| range_text(o.eqf_min, o.eqf_max))),
        ("Places", field(&|o| o.places.to_string())),
        (
            "Start",
            field(&|o| match &o.end {
                Some(end) => format!("between {} and {end}", o.start),
                None => o.start.clone(),
            }),
        ),
        ("Weeks", field(&|o| range_text(o.weeks_min, o.weeks_max))),
        ("Apply by", field(&|o| opt(&o.deadline))),
        ("Languages", field(&|o| languages_text(&o.languages))),
        ("Accommodation", field(&|o| opt(&o.conditions.accommodation))),
        ("Meals", field(&|o| opt(&o.conditions.meals))),
        (
            "Stipend",
            field(&|o| {
                o.conditions
                    .stipend
                    .as_ref()
                    .map(|s| format!("{} {} a month", s.amount, s.currency))
                    .unwrap_or_default()
            }),
        ),
        ("Insurance", field(&|o| opt(&o.conditions.insurance))),
        ("Minors accepted", field(&|o| yes_no(o.conditions.minors))),
        ("Mentor", field(&|o| yes_no(o.conditions.mentor))),
        ("Contact", field(&|o| contact_text(o.contact.as_ref()))),
        ("Description", field(&|o| lang_text(&o.description))),
    ];
    for (label, value) in lines {
        if !value.is_empty() {
            printer.line(format!("{label:<16} {value}"));
        }
    }
    for outcome in offer.body.iter().flat_map(|o| &o.outcomes) {
        printer.line(format!("{:<16} {outcome}", "Outcome"));
    }
}
