//! `cargo run -p flickr-testkit -- --port 8080 [--json] [--photos N] [--account N]
//! [--users N] [--member-photos N] [--write-export DIR]`: serves the loopback Flickr until stopped (Ctrl-C)
//! and prints its base URL and credentials, so clients in any language can
//! be pointed at it; with `--write-export`, first writes alice's account
//! export (Flickr's own zips) into DIR.

use std::process::ExitCode;

use flickr_testkit::{Config, FakeFlickr};

const USAGE: &str =
    "usage: flickr-testkit [--port N] [--json] [--photos N] [--account N] [--users N]
                      [--member-photos N] [--write-export DIR]

Serves a loopback Flickr on 127.0.0.1 until stopped (Ctrl-C):
  REST     BASE/services/rest/
  upload   BASE/services/upload/     replace BASE/services/replace/
  OAuth    BASE/services/oauth/{request_token,authorize,access_token}
  static   BASE/static/…  (the image and video URLs the API lists)

  --port N     port to listen on (default 0: any free port)
  --json       print one line: a JSON object with base_url, api_key,
               api_secret, oauth_token, oauth_token_secret (and, with
               --users, users, groups, albums and galleries: their ids)
  --photos N   number of seeded public photos (default 2000)
  --account N  give alice (the token's user) N more photos and videos with
               albums, collections, galleries and favorites (backup tests)
  --users N    add N public members (NSIDs 30000001@N02, …), each with 100
               photos and videos, two albums and a gallery; three groups
               pooling their photos; the first two are Commons institutions
               (archive tests)
  --member-photos N
               photos and videos per member (60 to 999, default 100)
  --write-export DIR
               write alice's account export (metadata and media zips, as
               Flickr's \"Request my Flickr Data\" gives them) into DIR, then
               serve as usual";

struct Options {
    config: Config,
    json: bool,
    export: Option<std::path::PathBuf>,
}

fn parse(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut config = Config::default();
    let mut json = false;
    let mut export = None;
    let mut args = args;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--json" => json = true,
            "--port" => {
                let v = value("--port")?;
                config.port = v
                    .parse()
                    .map_err(|_| format!("--port: `{v}` is not a port number"))?;
            }
            "--photos" => {
                let v = value("--photos")?;
                config.photos = v
                    .parse()
                    .map_err(|_| format!("--photos: `{v}` is not a number"))?;
            }
            "--account" => {
                let v = value("--account")?;
                let n = v
                    .parse()
                    .map_err(|_| format!("--account: `{v}` is not a number"))?;
                config.account = Some(flickr_testkit::AccountSpec::large(n));
            }
            "--users" => {
                let v = value("--users")?;
                config.users = v
                    .parse()
                    .map_err(|_| format!("--users: `{v}` is not a number"))?;
            }
            "--member-photos" => {
                let v = value("--member-photos")?;
                config.member_photos = v
                    .parse()
                    .map_err(|_| format!("--member-photos: `{v}` is not a number"))?;
            }
            "--write-export" => export = Some(value("--write-export")?.into()),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Options {
        config,
        json,
        export,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let opts = match parse(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(msg) => {
            if msg.is_empty() {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("flickr-testkit: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let port = opts.config.port;
    let fake = match FakeFlickr::start_with(opts.config).await {
        Ok(f) => f,
        Err(e) => {
            eprintln!("flickr-testkit: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(dir) = &opts.export {
        let spec = flickr_testkit::ExportSpec::default();
        match fake.write_export(flickr_testkit::ALICE, dir, &spec) {
            Ok(written) => eprintln!(
                "flickr-testkit: wrote {} zips ({} metadata, {} media; {} photos) to {}",
                written.metadata_zips.len() + written.media_zips.len(),
                written.metadata_zips.len(),
                written.media_zips.len(),
                written.photos,
                dir.display()
            ),
            Err(e) => {
                eprintln!(
                    "flickr-testkit: cannot write the export to {}: {e}",
                    dir.display()
                );
                return ExitCode::FAILURE;
            }
        }
    }
    let creds = fake.credentials();
    if opts.json {
        let mut line = serde_json::json!({
            "base_url": fake.base_url(),
            "api_key": creds.api_key,
            "api_secret": creds.api_secret,
            "oauth_token": creds.oauth_token,
            "oauth_token_secret": creds.oauth_token_secret,
        });
        if fake.config().users > 0 {
            let ids = |v: Vec<u64>| v.iter().map(u64::to_string).collect::<Vec<_>>();
            line["users"] = fake.users().into();
            line["groups"] = fake.groups().into();
            line["albums"] = ids(fake.member_albums()).into();
            line["galleries"] = ids(fake.member_galleries()).into();
        }
        println!("{line}");
    } else {
        let base = fake.base_url();
        println!("flickr-testkit: a loopback Flickr is listening on {base}");
        println!("  REST                {base}services/rest/");
        println!("  upload / replace    {base}services/upload/  {base}services/replace/");
        println!(
            "  OAuth               {base}services/oauth/{{request_token,authorize,access_token}}"
        );
        println!("  api_key             {}", creds.api_key);
        println!("  api_secret          {}", creds.api_secret);
        println!(
            "  oauth_token         {}  (delete permission, user {})",
            creds.oauth_token, creds.username
        );
        println!("  oauth_token_secret  {}", creds.oauth_token_secret);
        println!("Press Ctrl-C to stop.");
    }
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    let _ = tokio::signal::ctrl_c().await;
    fake.shutdown().await;
    ExitCode::SUCCESS
}
