//! The camera EXIF some JPEG originals carry: an `Exif\0\0` APP1 payload
//! holding a little-endian TIFF with IFD0 (Make, Model, Orientation, the
//! pointer to the Exif sub-IFD) and the Exif sub-IFD (DateTimeOriginal).

/// Every third seed carries EXIF.
pub(super) fn carries_exif(seed: u64) -> bool {
    seed.is_multiple_of(3)
}

/// The EXIF orientation written for `seed`: 6 (turn 90° clockwise to
/// display) for half of the seeds that carry EXIF, 1 (as stored) for the rest.
pub(super) fn orientation(seed: u64) -> u16 {
    if (seed / 3).is_multiple_of(2) {
        6
    } else {
        1
    }
}

/// The APP1 payload for `seed`, if it carries EXIF.
pub(super) fn for_seed(seed: u64) -> Option<Vec<u8>> {
    carries_exif(seed).then(|| {
        let model = format!("Loopback {}", seed % 90 + 10);
        let day = seed % 28 + 1;
        let month = (seed / 28) % 12 + 1;
        let year = 2010 + (seed / 336) % 14;
        let taken = format!(
            "{year:04}:{month:02}:{day:02} 12:{:02}:{:02}",
            seed % 60,
            (seed / 60) % 60
        );
        payload("Flickr-rs", &model, orientation(seed), &taken)
    })
}

const ASCII: u16 = 2;
const SHORT: u16 = 3;
const LONG: u16 = 4;

/// `Exif\0\0` and the TIFF.
fn payload(make: &str, model: &str, orientation: u16, taken: &str) -> Vec<u8> {
    let ascii = |s: &str| {
        let mut v = s.as_bytes().to_vec();
        v.push(0);
        v
    };
    let (make, model, taken) = (ascii(make), ascii(model), ascii(taken));
    // Layout: header (8), IFD0 (4 entries), its strings, the Exif IFD (1
    // entry), its string. Offsets count from the TIFF header.
    let ifd0 = 8;
    let ifd0_len = 2 + 4 * 12 + 4;
    let make_at = ifd0 + ifd0_len;
    let model_at = make_at + make.len();
    let exif_ifd = model_at + model.len();
    let exif_ifd_len = 2 + 12 + 4;
    let taken_at = exif_ifd + exif_ifd_len;

    let mut t = Vec::new();
    t.extend_from_slice(b"II");
    t.extend_from_slice(&42u16.to_le_bytes());
    t.extend_from_slice(&(ifd0 as u32).to_le_bytes());
    t.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut t, 0x010F, ASCII, make.len(), make_at as u32);
    entry(&mut t, 0x0110, ASCII, model.len(), model_at as u32);
    entry(&mut t, 0x0112, SHORT, 1, u32::from(orientation));
    entry(&mut t, 0x8769, LONG, 1, exif_ifd as u32);
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(&make);
    t.extend_from_slice(&model);
    t.extend_from_slice(&1u16.to_le_bytes());
    entry(&mut t, 0x9003, ASCII, taken.len(), taken_at as u32);
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(&taken);

    let mut out = b"Exif\0\0".to_vec();
    out.extend_from_slice(&t);
    out
}

/// One 12-byte IFD entry; `value` is the value itself when it fits in four
/// bytes (a SHORT sits in the first two), otherwise its offset.
fn entry(t: &mut Vec<u8>, tag: u16, kind: u16, count: usize, value: u32) {
    t.extend_from_slice(&tag.to_le_bytes());
    t.extend_from_slice(&kind.to_le_bytes());
    t.extend_from_slice(&(count as u32).to_le_bytes());
    t.extend_from_slice(&value.to_le_bytes());
}
