//! `vetnet open`: a one-time sign-in link for the dashboard the node serves
//! on its admin address, printed, and opened in a browser with `--browser`.

use serde_json::json;
use vetnet_views::SignInLinkView;

use crate::args::OpenArgs;
use crate::client::ApiClient;
use crate::printer::Printer;

/// The program that opens a URL in the desktop's default browser.
const OPENER: &str = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };

pub async fn run(client: &ApiClient, args: OpenArgs, printer: Printer) -> anyhow::Result<()> {
    let link: SignInLinkView = client.post_empty("/v1/dashboard/sign-in-links").await?;
    let url = link.url.as_str();
    if printer.json {
        printer.value(&json!({ "url": url }));
    } else {
        printer.line(url);
        printer.line("This link signs you in once, within five minutes. Run `vetnet open` again for a new one.");
    }
    if args.browser {
        match std::process::Command::new(OPENER).arg(url).status() {
            Ok(status) if status.success() => {
                if !printer.json {
                    printer.line("Opened in the browser.");
                }
            }
            Ok(status) => eprintln!("{OPENER} could not open the browser ({status}); open the link above yourself."),
            Err(e) => eprintln!("{OPENER} could not be run ({e}); open the link above yourself."),
        }
    }
    Ok(())
}
