//! The app icon, drawn here so the repository holds no binary files: a
//! yellow five-pointed star on red, the colours of the Party's documents.
use crate::Result;

pub fn png(size: u32) -> Result<Vec<u8>> {
    let mut pixels = Vec::with_capacity((size * size * 4) as usize);
    let centre = size as f64 / 2.0;
    let outer = size as f64 * 0.36;
    let star = star_polygon(centre, centre * 1.04, outer, outer * 0.382);
    for y in 0..size {
        for x in 0..size {
            let point = (x as f64 + 0.5, y as f64 + 0.5);
            let colour = if inside(&star, point) {
                [255, 222, 0, 255]
            } else {
                [200, 16, 46, 255]
            };
            pixels.extend_from_slice(&colour);
        }
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, size, size);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer
            .write_image_data(&pixels)
            .map_err(|e| e.to_string())?;
    }
    Ok(out)
}

fn star_polygon(cx: f64, cy: f64, outer: f64, inner: f64) -> Vec<(f64, f64)> {
    (0..10)
        .map(|i| {
            let radius = if i % 2 == 0 { outer } else { inner };
            let angle = std::f64::consts::PI * (i as f64) / 5.0 - std::f64::consts::FRAC_PI_2;
            (cx + radius * angle.cos(), cy + radius * angle.sin())
        })
        .collect()
}

/// Even-odd ray casting.
fn inside(polygon: &[(f64, f64)], (px, py): (f64, f64)) -> bool {
    let mut result = false;
    let mut j = polygon.len() - 1;
    for i in 0..polygon.len() {
        let (xi, yi) = polygon[i];
        let (xj, yj) = polygon[j];
        if (yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi {
            result = !result;
        }
        j = i;
    }
    result
}
