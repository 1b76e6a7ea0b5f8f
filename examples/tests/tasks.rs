//! The one-task examples, each run against the in-process loopback Flickr.

use flickr_examples::env::loopback_client;
use flickr_examples::errors::Handled;
use flickr_sdk::registry::Perms;
use flickr_sdk::Client;
use flickr_testkit::FakeFlickr;

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("flickr-rs-tasks-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn oauth_login_stores_the_token_owner_only() {
    let fake = FakeFlickr::start().await.unwrap();
    let creds = fake.credentials();
    let app: Client = Client::builder()
        .app(creds.api_key, creds.api_secret)
        .base_url(&fake.base_url())
        .build()
        .unwrap();
    let dir = scratch("oauth");
    let file = dir.join("token.env");
    let fake_ref = &fake;
    let mut out = Vec::new();
    let access = flickr_examples::oauth_login::run(
        &mut out,
        &app,
        Perms::Write,
        &file,
        |url, token| async move {
            assert!(
                url.contains(&token),
                "authorize URL {url} lacks the request token"
            );
            Ok(fake_ref
                .approve(&token, Perms::Write)
                .ok_or("not approved")?)
        },
    )
    .await
    .expect("oauth_login fails");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(&format!("FLICKR_OAUTH_TOKEN={}\n", access.token.token)));
    assert!(text.contains(&format!(
        "FLICKR_OAUTH_TOKEN_SECRET={}\n",
        access.token.secret.expose()
    )));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // The stored token works.
    let signed: Client = Client::builder()
        .oauth(
            fake.credentials().api_key,
            fake.credentials().api_secret,
            access.token.token.clone(),
            access.token.secret.expose().to_owned(),
        )
        .base_url(&fake.base_url())
        .build()
        .unwrap();
    signed
        .test()
        .login()
        .send()
        .await
        .expect("the stored token is refused");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn search_paging_streams_every_public_photo() {
    let fake = FakeFlickr::builder().photos(47).start().await.unwrap();
    let client: Client = Client::builder()
        .api_key(fake.credentials().api_key)
        .base_url(&fake.base_url())
        .build()
        .unwrap();
    let mut out = Vec::new();
    let ids = flickr_examples::search_paging::run(&mut out, &client, None, 10)
        .await
        .expect("search_paging fails");
    let mut got: Vec<u64> = ids.iter().map(|id| id.as_str().parse().unwrap()).collect();
    got.sort_unstable();
    let mut want = fake.public_photo_ids();
    want.sort_unstable();
    assert_eq!(got, want);
    assert!(fake.requests("flickr.photos.search") >= 5);
}

#[tokio::test]
async fn upload_progress_reports_to_the_end() {
    let fake = FakeFlickr::start().await.unwrap();
    let dir = scratch("upload");
    let path = dir.join("photo.jpg");
    let len = 3 * 1024 * 1024 + 17;
    std::fs::write(&path, vec![0x42; len]).unwrap();
    let mut out = Vec::new();
    let up = flickr_examples::upload_progress::run(
        &mut out,
        &loopback_client(&fake).unwrap(),
        &path,
        "Progress",
    )
    .await
    .expect("upload_progress fails");
    let id: u64 = up.photo_id.as_str().parse().unwrap();
    let photo = fake.photo(id).expect("the uploaded photo does not exist");
    assert_eq!(photo.title, "Progress");
    assert_eq!(fake.uploads().last().unwrap().size, len as u64);
    let (sent, total) = *up.progress.last().expect("no progress reported");
    assert_eq!(sent, total);
    assert!(up.progress.windows(2).all(|w| w[0].0 <= w[1].0));
    assert!(String::from_utf8(out).unwrap().contains("100%"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn errors_are_told_apart_by_variant() {
    let mut out = Vec::new();
    let seen = flickr_examples::errors::offline(&mut out)
        .await
        .expect("errors fails");
    assert_eq!(
        seen,
        vec![
            Handled::PhotoNotFound,
            Handled::InvalidApiKey,
            Handled::Http(503),
            Handled::Timeout,
            Handled::Transport,
            Handled::Found,
        ]
    );
}

#[tokio::test]
async fn largest_size_is_the_largest_listed() {
    let fake = FakeFlickr::builder().photos(5).start().await.unwrap();
    let client: Client = Client::builder()
        .api_key(fake.credentials().api_key)
        .base_url(&fake.base_url())
        .build()
        .unwrap();
    let id = fake.public_photo_ids()[0].to_string();
    let mut out = Vec::new();
    let largest = flickr_examples::largest_size::run(&mut out, &client, &id, false)
        .await
        .expect("largest_size fails");
    let sizes = client
        .photos()
        .get_sizes(id.as_str())
        .send()
        .await
        .unwrap()
        .sizes;
    let listed = sizes
        .iter()
        .find(|s| s.source.as_deref() == Some(largest.source.as_str()))
        .expect("the chosen URL is not one Flickr listed");
    let (w, h) = largest.dimensions.expect("dimensions");
    assert_eq!(listed.width, Some(i64::from(w)));
    assert_eq!(listed.height, Some(i64::from(h)));
    for s in &sizes {
        let area = s.width.unwrap_or(0) * s.height.unwrap_or(0);
        assert!(area <= i64::from(w) * i64::from(h), "{s:?} is larger");
    }
    // Not asked to download: nothing was.
    assert!(largest.bytes.is_none());
}

#[tokio::test]
async fn largest_size_fetch_returns_the_bytes() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // A one-shot static host standing in for live.staticflickr.com.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let _ = stream.read(&mut buf).await.unwrap();
        let body = [0xff, 0xd8, 0xff, 0xe0, 1, 2, 3];
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(&body).await.unwrap();
    });
    let bytes = flickr_examples::largest_size::fetch(&format!("http://{addr}/1/2_abc_o.jpg"))
        .await
        .expect("fetch fails");
    assert_eq!(bytes, [0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    server.await.unwrap();
}
