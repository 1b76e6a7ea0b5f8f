use std::io::Cursor;

use image::{ImageDecoder, ImageFormat, ImageReader};

use super::*;

fn decode(bytes: &[u8], format: ImageFormat) -> image::DynamicImage {
    ImageReader::with_format(Cursor::new(bytes), format)
        .decode()
        .unwrap_or_else(|e| panic!("{format:?} does not decode: {e}"))
}

fn signatures_ok(ext: &str, b: &[u8]) -> bool {
    match ext {
        "jpg" => b.starts_with(&[0xFF, 0xD8, 0xFF]) && b.ends_with(&[0xFF, 0xD9]),
        "png" => {
            b.starts_with(b"\x89PNG\r\n\x1a\n")
                && b.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82])
        }
        "gif" => b.starts_with(b"GIF89a") && b.ends_with(&[0x3B]),
        _ => b.len() > 8 && &b[4..8] == b"ftyp",
    }
}

#[test]
fn images_decode_at_every_length_from_the_smallest() {
    for (ext, format) in [
        ("jpg", ImageFormat::Jpeg),
        ("png", ImageFormat::Png),
        ("gif", ImageFormat::Gif),
    ] {
        for seed in [1u64, 2, 3, 4, 0xDEAD_BEEF] {
            let min = min_len(ext, seed);
            // Around the smallest form, around one COM segment's and one
            // sub-block's limits, and large.
            for len in [
                0,
                min,
                min + 1,
                min + 2,
                min + 3,
                min + 4,
                min + 5,
                min + 255,
                min + 256,
                min + 257,
                65_540,
                65_541,
                131_075,
                200_000,
            ] {
                let b = body(ext, seed, len);
                assert_eq!(b.len(), len.max(min), "{ext} seed {seed} len {len}");
                assert!(signatures_ok(ext, &b), "{ext} seed {seed} len {len}");
                let img = decode(&b, format);
                assert_eq!((img.width(), img.height()), PICTURE_SIZE, "{ext}");
                assert_eq!(b, body(ext, seed, len), "deterministic");
            }
        }
        assert_ne!(
            body(ext, 1, 5_000),
            body(ext, 2, 5_000),
            "{ext}: seeds differ"
        );
        assert_ne!(
            decode(&body(ext, 1, 0), format).to_rgb8(),
            decode(&body(ext, 2, 0), format).to_rgb8(),
            "{ext}: the pictures differ, not only the padding"
        );
    }
}

#[test]
fn every_third_jpeg_carries_exif_with_its_orientation() {
    let mut turned = 0;
    let mut upright_with_exif = 0;
    for seed in 0..12u64 {
        let b = body("jpg", seed, 2_000);
        let mut decoder = image::codecs::jpeg::JpegDecoder::new(Cursor::new(&b)).unwrap();
        let exif = decoder.exif_metadata().unwrap();
        let orientation = decoder.orientation().unwrap();
        assert_eq!(exif.is_some(), seed % 3 == 0, "seed {seed}");
        let expected = match (seed % 3 == 0, (seed / 3) % 2 == 0) {
            (true, true) => {
                turned += 1;
                image::metadata::Orientation::Rotate90
            }
            (true, false) => {
                upright_with_exif += 1;
                image::metadata::Orientation::NoTransforms
            }
            _ => image::metadata::Orientation::NoTransforms,
        };
        assert_eq!(orientation, expected, "seed {seed}");
        if let Some(exif) = exif {
            let text = String::from_utf8_lossy(&exif);
            assert!(
                text.contains("Flickr-rs") && text.contains("Loopback"),
                "{text}"
            );
            // DateTimeOriginal, in the Exif sub-IFD.
            assert!(exif.windows(2).any(|w| w == [0x03, 0x90]));
            let img = decode(&b, ImageFormat::Jpeg);
            let mut shown = img.clone();
            shown.apply_orientation(orientation);
            if orientation == image::metadata::Orientation::Rotate90 {
                assert_eq!((shown.width(), shown.height()), (16, 24));
            }
        }
    }
    assert!(turned > 0 && upright_with_exif > 0);
}

#[test]
fn videos_are_iso_bmff_boxes_of_the_exact_length() {
    for ext in ["mp4", "m4v", "mov"] {
        for len in [0, 148, 149, 8_000, 48_996] {
            let b = body(ext, 42, len);
            assert_eq!(b.len(), len.max(148));
            assert_eq!(&b[4..8], b"ftyp");
            // The top-level boxes tile the file: ftyp, moov, mdat.
            let mut at = 0;
            let mut kinds = Vec::new();
            while at < b.len() {
                let size = u32::from_be_bytes(b[at..at + 4].try_into().unwrap()) as usize;
                kinds.push(String::from_utf8_lossy(&b[at + 4..at + 8]).into_owned());
                assert!(size >= 8);
                at += size;
            }
            assert_eq!(at, b.len());
            assert_eq!(kinds, ["ftyp", "moov", "mdat"]);
            // moov > mvhd: timescale 1000 and the seed's duration.
            let mvhd = &b[24 + 8..];
            assert_eq!(&mvhd[4..8], b"mvhd");
            let timescale = u32::from_be_bytes(mvhd[20..24].try_into().unwrap());
            let duration = u32::from_be_bytes(mvhd[24..28].try_into().unwrap());
            assert_eq!((timescale, duration), (1_000, mp4::duration_ms(42)));
            assert_eq!(b, body(ext, 42, len));
        }
    }
    assert_eq!(&body("mov", 1, 0)[8..12], b"qt  ");
}

#[test]
fn pieces_cover_the_total_within_bounds() {
    for total in [
        4usize, 5, 65_537, 65_538, 65_541, 131_074, 131_075, 1_000_000,
    ] {
        let p = pieces(total, 4, 65_537);
        assert_eq!(p.iter().sum::<usize>(), total);
        assert!(p.iter().all(|s| (4..=65_537).contains(s)), "{total}: {p:?}");
    }
    assert!(pieces(0, 4, 10).is_empty());
}
