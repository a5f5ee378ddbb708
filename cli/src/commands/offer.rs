//! `vetnet offer publish|list|show|update|withdraw`.

use serde_json::{Map, Value, json};
use vetnet_protocol::offer::{InsuranceCover, LanguageRequirement, Provision};

use crate::args::{OfferCommand, OfferFields};
use crate::client::ApiClient;
use crate::commands::own::{OwnKind, read_toml_file};
use crate::commands::profile::set_translation;
use crate::commands::{lang_text, short_did, text};
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
            OFFERS.publish(client, args.id, fields, printer).await?;
        }
        OfferCommand::List { all } => {
            let offers = OFFERS.list(client, all).await?;
            print_offers(
                &offers,
                printer,
                "This institution has no offers yet. Publish one with `vetnet offer publish`.",
            );
        }
        OfferCommand::Show { id } => show(&OFFERS.show(client, &id).await?, printer),
        OfferCommand::Update { id, fields: flags } => {
            OFFERS.update(client, &id, |fields| apply_offer_fields(fields, &flags), printer).await?;
        }
        OfferCommand::Withdraw { id } => OFFERS.withdraw(client, &id, printer).await?,
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

fn range_text(offer: &Value, low: &str, high: &str) -> String {
    let (low, high) = (text(&offer[low]), text(&offer[high]));
    if low == high { low } else { format!("{low}-{high}") }
}

/// Offers as a table (or JSON).
pub(crate) fn print_offers(offers: &Value, printer: Printer, empty: &str) {
    if printer.json {
        printer.value(offers);
        return;
    }
    let list = offers.as_array().cloned().unwrap_or_default();
    if list.is_empty() {
        printer.line(empty);
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|o| {
            let host = o["author_name"].as_str().map_or_else(|| short_did(&text(&o["author"])), str::to_owned);
            vec![
                text(&o["id"]),
                host,
                text(&o["country"]),
                text(&o["city"]),
                text(&o["isced"]),
                range_text(o, "eqf_min", "eqf_max"),
                text(&o["places"]),
                text(&o["start"]),
                range_text(o, "weeks_min", "weeks_max"),
                if o["withdrawn"] == true { "(withdrawn)".into() } else { lang_text(&o["title"]) },
            ]
        })
        .collect();
    printer.table(&["ID", "HOST", "COUNTRY", "CITY", "ISCED-F", "EQF", "PLACES", "START", "WEEKS", "TITLE"], &rows);
}

fn show(offer: &Value, printer: Printer) {
    if printer.json {
        printer.value(offer);
        return;
    }
    if offer["withdrawn"] == true {
        printer.line(format!("Offer {} was withdrawn (version {}).", text(&offer["id"]), text(&offer["seq"])));
        return;
    }
    let languages = offer["languages"]
        .as_array()
        .map(|langs| {
            langs
                .iter()
                .map(|l| match l["cefr"].as_str() {
                    Some(level) => format!("{} {level}", text(&l["lang"])),
                    None => text(&l["lang"]),
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let c = &offer["conditions"];
    let stipend = match c["stipend"].as_object() {
        Some(s) => format!("{} {} a month", text(&s["amount"]), text(&s["currency"])),
        None => String::new(),
    };
    let yes_no = |v: &Value| if v == true { "yes".to_owned() } else { "no".to_owned() };
    let lines = [
        ("Title", lang_text(&offer["title"])),
        ("Id", format!("{} (version {})", text(&offer["id"]), text(&offer["seq"]))),
        ("Host", text(&offer["author_name"])),
        ("Field (ISCED-F)", text(&offer["isced"])),
        ("Sector (NACE)", text(&offer["nace"])),
        ("Occupation", text(&offer["occupation"])),
        ("Where", format!("{} {}", text(&offer["city"]), text(&offer["country"])).trim().to_owned()),
        ("EQF", range_text(offer, "eqf_min", "eqf_max")),
        ("Places", text(&offer["places"])),
        (
            "Start",
            match offer["end"].as_str() {
                Some(end) => format!("between {} and {end}", text(&offer["start"])),
                None => text(&offer["start"]),
            },
        ),
        ("Weeks", range_text(offer, "weeks_min", "weeks_max")),
        ("Apply by", text(&offer["deadline"])),
        ("Languages", languages),
        ("Accommodation", text(&c["accommodation"])),
        ("Meals", text(&c["meals"])),
        ("Stipend", stipend),
        ("Insurance", text(&c["insurance"])),
        ("Minors accepted", yes_no(&c["minors"])),
        ("Mentor", yes_no(&c["mentor"])),
        (
            "Contact",
            ["name", "email", "phone"]
                .iter()
                .map(|k| text(&offer["contact"][*k]))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("Description", lang_text(&offer["description"])),
    ];
    for (label, value) in lines {
        if !value.is_empty() {
            printer.line(format!("{label:<16} {value}"));
        }
    }
    for outcome in offer["outcomes"].as_array().into_iter().flatten() {
        printer.line(format!("{:<16} {}", "Outcome", text(outcome)));
    }
}
