//! Thumbnails made from the mirror's own files, for photos Flickr gave no
//! thumbnail URL for (those an export brought): decoded with the `image`
//! crate, turned as the file's EXIF orientation says (the originals are
//! never rotated themselves), cut to the middle square and scaled to
//! 150 px like Flickr's `q` size, written as JPEG. A file that does not
//! decode (a video, a format the crate does not read, a damaged file) gets
//! none, and the viewer shows a placeholder naming what it is. Made once:
//! a later run makes only the missing ones.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader};

/// The side of a thumbnail, as Flickr's `q` size.
pub(crate) const SIDE: u32 = 150;

/// Formats the thumbnails are made from.
pub(crate) fn decodable(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(ext.as_deref(), Some("jpg" | "jpeg" | "png" | "gif"))
}

/// The thumbnail of the image at `path`, as JPEG bytes, turned as its
/// EXIF orientation says, or else by `rotation` degrees clockwise (the
/// rotation set on Flickr, from the export): one of the two, never both.
pub(crate) fn make(path: &Path, rotation: u16) -> Result<Vec<u8>, String> {
    let reader = ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let mut orientation = decoder.orientation().map_err(|e| e.to_string())?;
    if orientation == Orientation::NoTransforms {
        orientation = match rotation {
            90 => Orientation::Rotate90,
            180 => Orientation::Rotate180,
            270 => Orientation::Rotate270,
            _ => Orientation::NoTransforms,
        };
    }
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    let (w, h) = (img.width(), img.height());
    let side = w.min(h).max(1);
    let square = img.crop_imm((w - side) / 2, (h - side) / 2, side, side);
    let small = square
        .resize_exact(SIDE, SIDE, FilterType::Triangle)
        .to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&small)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Makes the thumbnails of `wanted` ((thumbnail path, file path, rotation
/// set on Flickr)) on `workers` threads; returns each result in no
/// particular order.
pub(crate) fn make_all(
    wanted: Vec<(String, PathBuf, u16)>,
    workers: usize,
) -> Vec<(String, Result<Vec<u8>, String>)> {
    let queue = Mutex::new(wanted.into_iter());
    let done = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..workers.max(1) {
            s.spawn(|| loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((rel, file, rotation)) = next else {
                    break;
                };
                let made = make(&file, rotation);
                done.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((rel, made));
            });
        }
    });
    done.into_inner().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    /// A 40×20 image, left half red, right half blue.
    fn two_halves() -> RgbImage {
        RgbImage::from_fn(40, 20, |x, _| {
            if x < 20 {
                Rgb([255, 0, 0])
            } else {
                Rgb([0, 0, 255])
            }
        })
    }

    #[test]
    fn a_thumbnail_is_the_middle_square_at_150_px() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.png");
        two_halves().save(&path).unwrap();
        let thumb = image::load_from_memory(&make(&path, 0).unwrap())
            .unwrap()
            .to_rgb8();
        assert_eq!(thumb.dimensions(), (SIDE, SIDE));
        // The middle square keeps both halves: red on the left, blue on the right.
        let left = thumb.get_pixel(10, 75);
        let right = thumb.get_pixel(140, 75);
        assert!(left[0] > 200 && left[2] < 60, "{left:?}");
        assert!(right[2] > 200 && right[0] < 60, "{right:?}");
    }

    /// `jpeg` with an EXIF segment saying `orientation` (a minimal TIFF:
    /// one IFD entry, tag 0x0112) right after its SOI marker.
    fn with_orientation(jpeg: &[u8], orientation: u8) -> Vec<u8> {
        let mut tiff = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend_from_slice(&[1, 0]); // one entry
        tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0]);
        tiff.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let len = (app1.len() + 2) as u16;
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    #[test]
    fn the_file_s_exif_orientation_is_applied_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut jpeg = std::io::Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(two_halves())
            .write_to(&mut jpeg, image::ImageFormat::Jpeg)
            .unwrap();
        // Orientation 6: the camera was turned; shown rotated 90° clockwise,
        // the left (red) half is on top and the right (blue) half below.
        let path = dir.path().join("turned.jpg");
        std::fs::write(&path, with_orientation(jpeg.get_ref(), 6)).unwrap();
        let thumb = image::load_from_memory(&make(&path, 0).unwrap())
            .unwrap()
            .to_rgb8();
        let (top, bottom) = (thumb.get_pixel(75, 10), thumb.get_pixel(75, 140));
        assert!(top[0] > 180 && top[2] < 80, "red on top: {top:?}");
        assert!(bottom[2] > 180 && bottom[0] < 80, "blue below: {bottom:?}");
        // The rotation set on Flickr is not applied on top of the file's own.
        let path = dir.path().join("turned.jpg");
        let thumb = image::load_from_memory(&make(&path, 90).unwrap())
            .unwrap()
            .to_rgb8();
        assert!(
            thumb.get_pixel(75, 10)[0] > 180,
            "still red on top: turned once"
        );
        // A file without an orientation takes Flickr's rotation (90° clockwise).
        let path = dir.path().join("plain.jpg");
        std::fs::write(&path, jpeg.get_ref()).unwrap();
        let thumb = image::load_from_memory(&make(&path, 90).unwrap())
            .unwrap()
            .to_rgb8();
        assert!(
            thumb.get_pixel(75, 10)[0] > 180,
            "red on top: {:?}",
            thumb.get_pixel(75, 10)
        );
        let thumb = image::load_from_memory(&make(&path, 0).unwrap())
            .unwrap()
            .to_rgb8();
        assert!(
            thumb.get_pixel(10, 75)[0] > 180,
            "as stored without a rotation"
        );
        // Orientation 1: as stored.
        let path = dir.path().join("upright.jpg");
        std::fs::write(&path, with_orientation(jpeg.get_ref(), 1)).unwrap();
        let thumb = image::load_from_memory(&make(&path, 0).unwrap())
            .unwrap()
            .to_rgb8();
        assert!(thumb.get_pixel(10, 75)[0] > 180, "red on the left");
    }

    #[test]
    fn what_does_not_decode_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.jpg");
        std::fs::write(&path, b"\xFF\xD8\xFFnot really a jpeg\xFF\xD9").unwrap();
        assert!(make(&path, 0).is_err());
        assert!(make(&dir.path().join("absent.jpg"), 0).is_err());
        assert!(decodable("photos/a/1.JPG") && !decodable("photos/a/1.mov"));
    }

    #[test]
    fn gifs_and_jpegs_decode_too() {
        let dir = tempfile::tempdir().unwrap();
        let img = DynamicImage::ImageRgb8(two_halves());
        for name in ["t.gif", "t.jpg"] {
            let path = dir.path().join(name);
            img.save(&path).unwrap();
            assert_eq!(
                image::load_from_memory(&make(&path, 0).unwrap())
                    .unwrap()
                    .width(),
                SIDE
            );
        }
    }
}
