//! Which stored file answers a request for the app's files when they are
//! embedded in the binary: the path (or `index.html` for the app's own
//! routes), its precompressed copy when the browser takes it, and how long
//! it may be cached. Pure, so it is tested without a built app.

/// What to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// The stored file to send (maybe `….br` or `….gz`).
    pub file: String,
    /// The path it stands for (its content type comes from this).
    pub path: String,
    /// `Content-Encoding`, when a precompressed copy is sent.
    pub encoding: Option<&'static str>,
    /// Hashed files under `assets/` never change; the rest is revalidated.
    pub immutable: bool,
}

/// The file for `request_path` given the stored names (`exists`) and the
/// request's `Accept-Encoding`. None: nothing to send (a missing asset).
pub fn pick(request_path: &str, accept: &str, exists: impl Fn(&str) -> bool) -> Option<Pick> {
    let trimmed = request_path.trim_start_matches('/');
    let path = if trimmed.is_empty() || trimmed.ends_with('/') {
        "index.html".to_owned()
    } else {
        trimmed.to_owned()
    };
    let immutable = path.starts_with("assets/");
    let path = if exists(&path) {
        path
    } else if immutable || path.contains("..") {
        return None;
    } else {
        // The app's own routes are answered by the shell.
        "index.html".to_owned()
    };
    if !exists(&path) {
        return None;
    }
    let takes = |coding: &str| {
        accept
            .split(',')
            .map(|part| part.split(';').next().unwrap_or("").trim())
            .any(|c| c.eq_ignore_ascii_case(coding))
    };
    for (coding, suffix) in [("br", "br"), ("gzip", "gz")] {
        let compressed = format!("{path}.{suffix}");
        if takes(coding) && exists(&compressed) {
            return Some(Pick {
                file: compressed,
                path,
                encoding: Some(coding),
                immutable,
            });
        }
    }
    Some(Pick {
        file: path.clone(),
        path,
        encoding: None,
        immutable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(name: &str) -> bool {
        matches!(
            name,
            "index.html" | "index.html.br" | "sw.js" | "assets/app-1.wasm" | "assets/app-1.wasm.gz"
        )
    }

    #[test]
    fn the_shell_answers_the_apps_routes_and_missing_assets_are_missing() {
        let root = pick("/", "br", stored).expect("root");
        assert_eq!(
            (root.file.as_str(), root.encoding),
            ("index.html.br", Some("br"))
        );
        assert!(!root.immutable);
        let route = pick("/mo-hinh/123", "", stored).expect("route");
        assert_eq!(route.file, "index.html");
        assert_eq!(pick("/assets/app-2.wasm", "br", stored), None);
        assert_eq!(pick("/../etc/passwd", "", stored), None);
    }

    #[test]
    fn precompressed_copies_go_only_to_browsers_that_take_them() {
        let gz = pick("/assets/app-1.wasm", "gzip, deflate, br;q=0.9", stored).expect("wasm");
        assert_eq!(gz.file, "assets/app-1.wasm.gz", "no .br copy: gzip");
        assert_eq!(gz.path, "assets/app-1.wasm");
        assert!(gz.immutable);
        let plain = pick("/assets/app-1.wasm", "identity", stored).expect("wasm");
        assert_eq!(
            (plain.file.as_str(), plain.encoding),
            ("assets/app-1.wasm", None)
        );
        let sw = pick("/sw.js", "br", stored).expect("sw");
        assert_eq!(sw.encoding, None, "no compressed copy of it");
    }
}
