//! `vetnet backup` (through the running node's API) and `vetnet restore`
//! (offline, into a data directory): `vetnet_node::backup`.

use std::io::{IsTerminal, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Duration;

use vetnet_node::DataDir;
use vetnet_node::backup::{self, BackupError, Passphrase};
use vetnet_views::{ArchiveContentsView, BackupRequest, BackupView, RestoreView};

use crate::args::{BackupArgs, RestoreArgs};
use crate::client::ApiClient;
use crate::failure::Failure;
use crate::printer::Printer;

/// How long the node may take to answer with the archive.
const BACKUP_TIMEOUT: Duration = Duration::from_secs(600);

pub async fn backup(data_dir: &DataDir, args: BackupArgs, printer: Printer) -> anyhow::Result<()> {
    let client = ApiClient::connect(data_dir)?;
    let passphrase = passphrase(args.passphrase_file.as_deref(), true)?;
    let request = BackupRequest { passphrase: passphrase.expose().to_owned() };
    let sealed = client.post_for_bytes("/v1/backup", &request, BACKUP_TIMEOUT).await?;
    // Read back before writing: an archive that does not open is never left as a backup.
    let (sealed, contents) = tokio::task::spawn_blocking(move || {
        let contents = backup::open_archive(&sealed, &passphrase).map(|archive| archive.contents());
        (sealed, contents)
    })
    .await
    .map_err(|e| Failure::internal(format!("reading the archive back stopped: {e}")))?;
    let contents = contents.map_err(|e| Failure::internal(format!("the node's archive does not read back: {e}")))?;
    write_private_atomically(&args.file, &sealed)?;
    let view = BackupView { file: args.file.display().to_string(), bytes: sealed.len() as u64, contents };
    if printer.json {
        printer.value(&view);
    } else {
        printer.line(format!("Wrote {} ({} bytes, encrypted with the passphrase).", view.file, view.bytes));
        print_contents(&view.contents, printer);
        printer.line(
            "Keep it away from this server, and the passphrase apart from it: together they are the institution.",
        );
    }
    Ok(())
}

pub async fn restore(data_dir: DataDir, args: RestoreArgs, printer: Printer) -> anyhow::Result<()> {
    let file = args.file.clone();
    let cannot = move |e: BackupError| -> anyhow::Error {
        let message = format!("cannot restore {}: {e}", file.display());
        match e {
            BackupError::Io { .. } | BackupError::Store(_) | BackupError::Task(_) | BackupError::Encode(_) => {
                Failure::internal(message)
            }
            _ => Failure::user(message),
        }
    };
    let sealed = read_archive(&args.file)?;
    let passphrase = passphrase(args.passphrase_file.as_deref(), false)?;
    let force = args.force;
    let restored = tokio::task::spawn_blocking(move || {
        let archive = backup::open_archive(&sealed, &passphrase)?;
        backup::restore(&data_dir, &archive, force, vetnet_node::clock::unix_now())
    })
    .await
    .map_err(|e| Failure::internal(format!("the restore stopped: {e}")))?;
    let view: RestoreView = restored.map_err(cannot)?;
    if printer.json {
        printer.value(&view);
    } else {
        printer.line(format!("Restored {} into {}.", view.contents.institution, view.data_dir));
        print_contents(&view.contents, printer);
        printer.line(format!("Records      {} own records stored again", view.records_restored));
        if let Some(previous) = &view.previous_database {
            printer.line(format!("Kept aside   {previous} (the database that was there, for you to delete)"));
        }
        printer.line("");
        for step in &view.next_steps {
            printer.line(step);
        }
    }
    Ok(())
}

fn print_contents(contents: &ArchiveContentsView, printer: Printer) {
    printer.line(format!("Institution  {}", contents.institution));
    printer.line(format!("Peer id      {}", contents.peer_id));
    printer.line(format!("Taken        {} by {}", day_time(contents.created_at), contents.created_by));
    printer.line(format!("Files        {}", contents.files.join(", ")));
    let kinds: Vec<String> = contents.own_records.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
    printer.line(format!(
        "Own records  {} ({} not yet sent to a peer)",
        if kinds.is_empty() { "none".to_owned() } else { kinds.join(", ") },
        contents.unsent_records
    ));
    printer.line(format!(
        "Private      {} mobility threads, {} issued credentials, {} address-book entries",
        contents.threads, contents.credentials, contents.peers
    ));
}

fn day_time(unix: u64) -> String {
    chrono::DateTime::from_timestamp(i64::try_from(unix).unwrap_or(i64::MAX), 0)
        .map_or_else(|| unix.to_string(), |t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
}

/// The passphrase from `file`, or asked on the terminal (twice when `confirm`).
fn passphrase(file: Option<&Path>, confirm: bool) -> anyhow::Result<Passphrase> {
    let refused = |e: BackupError| Failure::user(e.to_string());
    if let Some(file) = file {
        let text = std::fs::read_to_string(file)
            .map_err(|e| Failure::user(format!("cannot read the passphrase file {}: {e}", file.display())))?;
        return Passphrase::from_file_text(&text)
            .map_err(|e| Failure::user(format!("the passphrase in {}: {e}", file.display())));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::user(
            "there is no terminal to ask the passphrase on; pass --passphrase-file FILE (a passphrase is never given on the command line)",
        ));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map_err(|e| Failure::user(format!("cannot read the passphrase from the terminal: {e}")))
    };
    let first = ask("Passphrase for the archive: ")?;
    if confirm {
        let again = ask("The same passphrase again: ")?;
        if again != first {
            return Err(Failure::user("the two passphrases differ; nothing was written. Run the command again"));
        }
    }
    Passphrase::new(first).map_err(refused)
}

/// Reads an archive file, refusing one larger than any archive can be.
fn read_archive(file: &Path) -> anyhow::Result<Vec<u8>> {
    let cannot = |e: std::io::Error| Failure::user(format!("cannot read the backup archive {}: {e}", file.display()));
    let len = std::fs::metadata(file).map_err(cannot)?.len();
    if len > backup::archive::MAX_ARCHIVE_BYTES + (1 << 20) {
        return Err(Failure::user(format!("cannot restore {}: {}", file.display(), BackupError::TooLarge)));
    }
    std::fs::read(file).map_err(cannot)
}

/// Writes `bytes` to `file` with mode 0600 through a temporary file beside
/// it and a rename, so `file` is always either the old archive or the whole
/// new one.
fn write_private_atomically(file: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let cannot =
        |what: &str, path: &Path, e: std::io::Error| Failure::user(format!("cannot {what} {}: {e}", path.display()));
    let dir = match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => std::path::PathBuf::from("."),
    };
    let name = file.file_name().ok_or_else(|| Failure::user(format!("{} is not a file name", file.display())))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(|e| cannot("write", &tmp, e))?;
    let written = out.write_all(bytes).and_then(|()| out.sync_all());
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, file)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(cannot("write", file, e));
    }
    if let Ok(dir) = std::fs::File::open(&dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}
