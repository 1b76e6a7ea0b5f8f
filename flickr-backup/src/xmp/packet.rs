//! The XMP packet of a photo's [`Facts`], written with quick-xml's writer
//! (which escapes `<`, `&` and quotes; [`xml_safe`] takes out what XML
//! cannot hold at all).

use std::io;

use quick_xml::events::{BytesDecl, BytesPI, BytesText, Event};
use quick_xml::Writer;

use super::text::xml_safe;
use super::{Facts, Prop, FLICKR_NS};

const DESCRIPTION_ATTRS: [(&str, &str); 10] = [
    ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
    ("xmlns:xmp", "http://ns.adobe.com/xap/1.0/"),
    ("xmlns:xmpRights", "http://ns.adobe.com/xap/1.0/rights/"),
    ("xmlns:cc", "http://creativecommons.org/ns#"),
    ("xmlns:exif", "http://ns.adobe.com/exif/1.0/"),
    ("xmlns:photoshop", "http://ns.adobe.com/photoshop/1.0/"),
    ("xmlns:lr", "http://ns.adobe.com/lightroom/1.0/"),
    ("xmlns:digiKam", "http://www.digikam.org/ns/1.0/"),
    ("xmlns:flickr", FLICKR_NS),
    ("rdf:about", ""),
];

type W = Writer<Vec<u8>>;

fn text(w: &mut W, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_safe(value)))?;
    Ok(())
}

/// A language alternative with the default language only.
fn alt(w: &mut W, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name).write_inner_content(|w| {
        w.create_element("rdf:Alt").write_inner_content(|w| {
            w.create_element("rdf:li")
                .with_attribute(("xml:lang", "x-default"))
                .write_text_content(BytesText::new(&xml_safe(value)))?;
            Ok(())
        })?;
        Ok(())
    })?;
    Ok(())
}

/// An array (`rdf:Bag` or `rdf:Seq`) of texts.
fn array<S: AsRef<str>>(w: &mut W, name: &str, kind: &str, items: &[S]) -> io::Result<()> {
    w.create_element(name).write_inner_content(|w| {
        w.create_element(kind).write_inner_content(|w| {
            for item in items {
                text(w, "rdf:li", item.as_ref())?;
            }
            Ok(())
        })?;
        Ok(())
    })?;
    Ok(())
}

fn properties(w: &mut W, f: &Facts) -> io::Result<()> {
    if !f.title.is_empty() {
        alt(w, "dc:title", &f.title)?;
    }
    if !f.description.is_empty() {
        alt(w, "dc:description", &f.description)?;
    }
    if !f.subjects.is_empty() {
        array(w, "dc:subject", "rdf:Bag", &f.subjects)?;
    }
    if let Some(c) = &f.creator {
        array(w, "dc:creator", "rdf:Seq", std::slice::from_ref(c))?;
    }
    if let Some((name, url, cc)) = &f.license {
        alt(w, "dc:rights", name)?;
        text(w, "xmpRights:WebStatement", url)?;
        if *cc {
            w.create_element("cc:license")
                .with_attribute(("rdf:resource", xml_safe(url).as_str()))
                .write_empty()?;
        }
    }
    if let Some(t) = &f.taken {
        text(w, "exif:DateTimeOriginal", t)?;
        text(w, "photoshop:DateCreated", t)?;
    }
    if let Some((lat, lon)) = f.gps {
        text(w, "exif:GPSVersionID", "2.2.0.0")?;
        text(w, "exif:GPSLatitude", &super::gps::gps(lat, 'N', 'S'))?;
        text(w, "exif:GPSLongitude", &super::gps::gps(lon, 'E', 'W'))?;
    }
    if !f.hierarchy.is_empty() {
        array(w, "lr:hierarchicalSubject", "rdf:Bag", &f.hierarchy)?;
        let digikam: Vec<String> = f.hierarchy.iter().map(|h| h.replace('|', "/")).collect();
        array(w, "digiKam:TagsList", "rdf:Seq", &digikam)?;
    }
    if let Some(url) = &f.page_url {
        text(w, "dc:source", url)?;
        array(w, "xmp:Identifier", "rdf:Bag", std::slice::from_ref(url))?;
    }
    for (name, prop) in &f.flickr {
        let name = format!("flickr:{name}");
        match prop {
            Prop::Text(t) => text(w, &name, t)?,
            Prop::Bag(items) => array(w, &name, "rdf:Bag", items)?,
        }
    }
    Ok(())
}

/// The XMP packet (UTF-8, with its `xpacket` wrapper) of `f`.
pub(crate) fn packet(f: &Facts) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::PI(BytesPI::new(
        "xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"",
    )))?;
    w.create_element("x:xmpmeta")
        .with_attributes([("xmlns:x", "adobe:ns:meta/"), ("x:xmptk", "flickr-backup")])
        .write_inner_content(|w| {
            w.create_element("rdf:RDF")
                .with_attribute(("xmlns:rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"))
                .write_inner_content(|w| {
                    w.create_element("rdf:Description")
                        .with_attributes(DESCRIPTION_ATTRS)
                        .write_inner_content(|w| properties(w, f))?;
                    Ok(())
                })?;
            Ok(())
        })?;
    w.write_event(Event::PI(BytesPI::new("xpacket end=\"w\"")))?;
    let mut out = w.into_inner();
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_are_dropped() {
        let f = Facts {
            title: "a <b> & \"c\" 'd' 🌅\u{1}".into(),
            subjects: vec!["x&y".into()],
            flickr: vec![("id", Prop::Text("1".into()))],
            ..Facts::default()
        };
        let xml = String::from_utf8(packet(&f).unwrap()).unwrap();
        assert!(
            xml.contains("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; 🌅</rdf:li>"),
            "{xml}"
        );
        assert!(xml.contains("<rdf:li>x&amp;y</rdf:li>"), "{xml}");
        assert!(xml.contains("<flickr:id>1</flickr:id>"), "{xml}");
        assert!(!xml.contains('\u{1}'));
        // It parses back as XML.
        let mut r = quick_xml::Reader::from_str(&xml);
        loop {
            match r.read_event().unwrap() {
                Event::Eof => break,
                _ => continue,
            }
        }
        // Nothing absent is written.
        assert!(!xml.contains("exif:"), "{xml}");
        assert!(!xml.contains("dc:description"), "{xml}");
    }
}
