//! The signer against published OAuth 1.0 test vectors.
//!
//! Each vector gives its source. Only values printed in the source are asserted.

use flickr_core::signer::{sign, sign_all, OAuthParams};

/// RFC 5849 §3.4.1.1: the example request's signature base string.
///
/// The request is `POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b` on `example.com`
/// with the form body `c2&a3=2+q` (so `c2` has an empty value and `a3`
/// appears twice, once from the query and once from the body, with `+` meaning space).
/// The RFC prints no signature that matches these parameters (its §3.1
/// `bYT5CMsGcbgUdFHObYMEfcx6bsw=` does not verify with the §3.1 secrets), so
/// only the base string is checked here.
#[test]
fn rfc5849_section_3_4_1_base_string() {
    let body = [("c2", ""), ("a3", "2 q")];
    let signed = sign_all(
        "POST",
        "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
        body.into_iter().chain([
            ("oauth_consumer_key", "9djdj82h48djs9d2"),
            ("oauth_token", "kkk9d7dh3k39sjv7"),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "137131201"),
            ("oauth_nonce", "7d8f3e4a"),
        ]),
        "j49sk3j29djd",
        "dh893hdasih9",
    )
    .unwrap();
    let expected = concat!(
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q",
        "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_",
        "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m",
        "ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk",
        "9d7dh3k39sjv7"
    );
    assert_eq!(signed.base_string, expected);
    // §3.4.1.3.2's normalized parameter list, as (encoded name, encoded value).
    let names: Vec<(&str, &str)> = signed
        .params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        &names[..6],
        &[
            ("a2", "r%20b"),
            ("a3", "2%20q"),
            ("a3", "a"),
            ("b5", "%3D%253D"),
            ("c%40", ""),
            ("c2", "")
        ]
    );
}

/// RFC 5849 §1.2: the final protected-resource request
/// (`oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"`).
#[test]
fn rfc5849_section_1_2_protected_resource() {
    let signed = sign_all(
        "GET",
        "http://photos.example.net/photos?file=vacation.jpg&size=original",
        [
            ("oauth_consumer_key", "dpf43f3p2l4k3l03"),
            ("oauth_token", "nnch734d00sl2jdk"),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "137131202"),
            ("oauth_nonce", "chapoH"),
        ],
        "kd94hf93k423kf44",
        "pfkkdhi9sl3r4s00",
    )
    .unwrap();
    assert_eq!(signed.signature, "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
}

/// RFC 5849 §1.2: the token-credentials request, signed with the temporary
/// credentials (`oauth_signature="gKgrFCywp7rO0OXSjdot%2FIHF7IU%3D"`).
#[test]
fn rfc5849_section_1_2_token_request() {
    let signed = sign_all(
        "POST",
        "https://photos.example.net/token",
        [
            ("oauth_consumer_key", "dpf43f3p2l4k3l03"),
            ("oauth_token", "hh5s93j4hdidpola"),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "137131201"),
            ("oauth_nonce", "walatlh"),
            ("oauth_verifier", "hfdp7dh39dks9884"),
        ],
        "kd94hf93k423kf44",
        "hdhd0244k9j7ao03",
    )
    .unwrap();
    assert_eq!(signed.signature, "gKgrFCywp7rO0OXSjdot/IHF7IU=");
}

/// OAuth Core 1.0, Appendix A.5.1–A.5.2: base string and `tR3+Ty81lMeYAr/Fid0kMTYa/WM=`.
#[test]
fn oauth_core_1_0_appendix_a5() {
    let oauth = OAuthParams {
        consumer_key: "dpf43f3p2l4k3l03",
        token: Some("nnch734d00sl2jdk"),
        nonce: "kllo9940pd9333jh",
        timestamp: 1191242096,
    };
    let signed = sign(
        "GET",
        "http://photos.example.net/photos",
        [("file", "vacation.jpg"), ("size", "original")],
        &oauth,
        "kd94hf93k423kf44",
        "pfkkdhi9sl3r4s00",
    )
    .unwrap();
    assert_eq!(
        signed.base_string,
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26\
         oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26\
         oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26\
         oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal"
    );
    assert_eq!(signed.signature, "tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
}

/// Twitter's "Creating a signature" guide (developer.twitter.com), which signs a
/// status with `+`, `,`, `!` and spaces in it. The guide was published for API
/// version 1 (`tnnArxj06cWHq44gCs1OSKk/jLY=`) and later for 1.1 (`hCtSmYh+iHYCEqBWrE7C7hYmtUk=`).
#[test]
fn twitter_creating_a_signature_guide() {
    let oauth = OAuthParams {
        consumer_key: "xvz1evFS4wEEPTGEFPHBog",
        token: Some("370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"),
        nonce: "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
        timestamp: 1318622958,
    };
    let params = [
        (
            "status",
            "Hello Ladies + Gentlemen, a signed OAuth request!",
        ),
        ("include_entities", "true"),
    ];
    let consumer_secret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw";
    let token_secret = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE";
    for (version, expected) in [
        ("1", "tnnArxj06cWHq44gCs1OSKk/jLY="),
        ("1.1", "hCtSmYh+iHYCEqBWrE7C7hYmtUk="),
    ] {
        let url = format!("https://api.twitter.com/{version}/statuses/update.json");
        let signed = sign("POST", &url, params, &oauth, consumer_secret, token_secret).unwrap();
        assert_eq!(signed.signature, expected, "API version {version}");
        assert!(signed.base_string.ends_with(
            "status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521"
        ));
    }
}

/// An `oauth_signature` already among the parameters is not signed (§3.4.1.3.1),
/// and neither the method's case nor a default port changes anything.
#[test]
fn signature_parameter_case_and_default_port_do_not_matter() {
    let params = [("file", "vacation.jpg"), ("size", "original")];
    let oauth = OAuthParams {
        consumer_key: "dpf43f3p2l4k3l03",
        token: Some("nnch734d00sl2jdk"),
        nonce: "kllo9940pd9333jh",
        timestamp: 1191242096,
    };
    let with_sig = params.into_iter().chain([("oauth_signature", "bogus")]);
    let signed = sign(
        "get",
        "HTTP://Photos.Example.NET:80/photos",
        with_sig,
        &oauth,
        "kd94hf93k423kf44",
        "pfkkdhi9sl3r4s00",
    )
    .unwrap();
    assert_eq!(signed.signature, "tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
}
