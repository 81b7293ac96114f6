//! Builds the app into `dist/`: wasm32 release build, split at its split
//! points, wasm-bindgen, wasm-opt, content-hashed file names, index.html and service worker from
//! templates, icons, and .br/.gz copies for the server to send as they are.
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::{Result, cargo, icons, run_cmd, split, target_dir, tools};

pub struct Dist {
    pub dir: PathBuf,
}

/// Rust's wasm32 target emits these proposals by default; wasm-opt must
/// accept them (and add nothing else).
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-sign-ext",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-multivalue",
];

pub fn build(root: &Path) -> Result<Dist> {
    build_as(root, None)
}

/// The app, with `version` (a release's "0.1.0+3f9c2ab") compiled in as
/// `shared::VERSION`.
pub fn build_as(root: &Path, version: Option<&str>) -> Result<Dist> {
    let target = target_dir(root);
    let (split, bindgen) = compile(root, &target, version)?;
    let bound = bindgen.join("app_bg.wasm");
    let optimised = bindgen.join("app_bg.opt.wasm");
    wasm_opt(root, &bound, &optimised)?;

    let dist = root.join("dist");
    let _ = std::fs::remove_dir_all(&dist);
    let assets = dist.join("assets");
    mkdir(&assets)?;
    mkdir(&dist.join("icons"))?;

    let wasm = read(&optimised)?;
    let wasm_name = hashed("app_bg", &wasm, "wasm");
    write(&assets.join(&wasm_name), &wasm)?;
    let mut link = read_text(&split.link)?;
    let chunks = emit_chunks(root, &split, &bindgen, &assets, &mut link)?;
    // The main JS and the loader import each other, so neither can be
    // named by a hash of itself: both take the hash of the two together.
    let js = read_text(&bindgen.join("app.js"))?;
    let pair = short_hash(format!("{js}{link}").as_bytes());
    let js_name = format!("app-{pair}.js");
    let link_name = format!("split-{pair}.js");
    let js = split::replace_import(&js, split::LINK_NAME, &format!("./{link_name}"))?.into_bytes();
    let link = split::replace_import(&link, split::MAIN_JS, &format!("./{js_name}"))?.into_bytes();
    write(&assets.join(&js_name), &js)?;
    write(&assets.join(&link_name), &link)?;
    let css = read_styles(&root.join("style"))?;
    let css_name = hashed("style", &css, "css");
    write(&assets.join(&css_name), &css)?;
    // The boot script is a file (the CSP allows no inline script); it
    // names the hashed js and wasm, so it is filled and hashed after them.
    let boot = read_text(&root.join("app/static/boot.js"))?
        .replace("{{JS}}", &format!("/assets/{js_name}"))
        .replace("{{WASM}}", &format!("/assets/{wasm_name}"))
        .into_bytes();
    let boot_name = hashed("boot", &boot, "js");
    write(&assets.join(&boot_name), &boot)?;

    for (size, file) in [(192, "icon-192.png"), (512, "icon-512.png")] {
        write(&dist.join("icons").join(file), &icons::png(size)?)?;
    }
    let manifest = read(&root.join("app/static/manifest.webmanifest"))?;
    write(&dist.join("manifest.webmanifest"), &manifest)?;

    let mut everything = [
        &wasm[..],
        &js[..],
        &link[..],
        &css[..],
        &boot[..],
        &manifest[..],
    ]
    .concat();
    for chunk in &chunks {
        everything.extend(&chunk.data);
    }
    let version = short_hash(&everything);
    let splits = splits_js(&split.needs, &chunks);
    // The worker fetches these at install; a name the build lacks would
    // leave everyone's own screens unable to open offline.
    if let Some(missing) = AHEAD.iter().find(|name| !split.needs.contains_key(**name)) {
        return Err(format!(
            "the split point {missing} (sw.js AHEAD) is not in the build"
        ));
    }
    let ahead = format!(
        "[{}]",
        AHEAD
            .iter()
            .map(|n| format!("'{n}'"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let fill = |template: &str| {
        template
            .replace("{{VERSION}}", &version)
            .replace("{{JS}}", &format!("/assets/{js_name}"))
            .replace("{{SPLIT}}", &format!("/assets/{link_name}"))
            .replace("{{WASM}}", &format!("/assets/{wasm_name}"))
            .replace("{{CSS}}", &format!("/assets/{css_name}"))
            .replace("{{BOOT}}", &format!("/assets/{boot_name}"))
            .replace("{{SPLITS}}", &splits)
            .replace("{{AHEAD}}", &ahead)
    };
    let index = fill(&read_text(&root.join("app/index.html"))?);
    write(&dist.join("index.html"), index.as_bytes())?;
    let sw = fill(&read_text(&root.join("app/static/sw.js"))?);
    write(&dist.join("sw.js"), sw.as_bytes())?;

    precompress(&dist)?;
    let shell = Shell {
        bound: &read(&bound)?,
        wasm: &wasm,
        js: &js,
        link: &link,
        css: &css,
    };
    report(&dist, &shell, &chunks, &version)?;
    Ok(Dist { dir: dist })
}

/// The app built for wasm32, split, and the main module through
/// wasm-bindgen; returns the splitter's output and wasm-bindgen's folder.
fn compile(root: &Path, target: &Path, version: Option<&str>) -> Result<(split::Output, PathBuf)> {
    let mut build = cargo();
    // `cargo rustc`, to give the final link alone `--emit-relocs`: the
    // splitter follows the relocations to see what each split point reaches
    // (as a RUSTFLAGS entry it would rebuild every dependency).
    build.current_dir(root).args([
        "rustc",
        "--package",
        "app",
        "--bin",
        "app",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
        "--",
        "-C",
        "link-arg=--emit-relocs",
    ]);
    if let Some(version) = version {
        build.env("DVK_BUILD_VERSION", version);
    }
    run_cmd(&mut build)?;
    let raw_wasm = target.join("wasm32-unknown-unknown/wasm-release/app.wasm");
    let split = split::split(&raw_wasm, &target.join("dvk-split"))?;
    let bindgen = target.join("dvk-bindgen");
    let _ = std::fs::remove_dir_all(&bindgen);
    // The split modules import the main module's functions by their linker
    // names: wasm-bindgen must keep those exports and names.
    run_cmd(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript"])
            .args(["--keep-lld-exports", "--no-demangle", "--out-dir"])
            .arg(&bindgen)
            .arg(&split.main),
    )?;
    Ok((split, bindgen))
}

/// Optimises the split and shared modules into `assets` under hashed
/// names, and names those in the loader `link`.
fn emit_chunks(
    root: &Path,
    split: &split::Output,
    work: &Path,
    assets: &Path,
    link: &mut String,
) -> Result<Vec<Chunk>> {
    let mut chunks = Vec::new();
    for module in &split.modules {
        let stem = module
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("odd module name {}", module.display()))?;
        let quoted = format!("\"./{stem}.wasm\"");
        // An empty module is never fetched, so the loader does not name it.
        if !link.contains(&quoted) {
            continue;
        }
        let opt = work.join(format!("{stem}.opt.wasm"));
        wasm_opt(root, module, &opt)?;
        let data = read(&opt)?;
        let name = hashed(stem, &data, "wasm");
        *link = link.replace(&quoted, &format!("\"./{name}\""));
        write(&assets.join(&name), &data)?;
        chunks.push(Chunk {
            stem: stem.to_owned(),
            name,
            data,
        });
    }
    Ok(chunks)
}

/// The split points every device needs (app/src/pages/lazy.rs `forms`:
/// a model's form, progress, report, continue, storage): the service
/// worker fetches their files at install, so they open offline from the
/// first visit.
const AHEAD: &[&str] = &["dvk_forms"];

/// The service worker's `SPLITS`: each split point's served files, so a
/// new build can fetch again every file of the screens a device had (its
/// shared modules may be numbered differently from the old build's).
fn splits_js(needs: &BTreeMap<String, Vec<String>>, chunks: &[Chunk]) -> String {
    let entries: Vec<String> = needs
        .iter()
        .map(|(split, stems)| {
            // An empty module is never fetched, so it was not emitted.
            let files: Vec<String> = stems
                .iter()
                .filter_map(|stem| chunks.iter().find(|c| &c.stem == stem))
                .map(|c| format!("'/assets/{}'", c.name))
                .collect();
            format!("'{split}': [{}]", files.join(", "))
        })
        .collect();
    format!("{{ {} }}", entries.join(", "))
}

/// A split or shared module as served.
struct Chunk {
    /// `split_<name>` or `chunk_<n>`, as the splitter named it.
    stem: String,
    name: String,
    data: Vec<u8>,
}

/// What every first visit downloads.
struct Shell<'a> {
    bound: &'a [u8],
    wasm: &'a [u8],
    js: &'a [u8],
    link: &'a [u8],
    css: &'a [u8],
}

/// `DVK_WASM_NAMES=1` keeps the functions' names in the modules (for a
/// browser CPU profile, docs/bench.md); the shipped build has none.
fn wasm_opt(root: &Path, input: &Path, output: &Path) -> Result<()> {
    let mut opt = Command::new(tools::wasm_opt(root)?);
    if std::env::var_os("DVK_WASM_NAMES").is_some() {
        opt.arg("--debuginfo");
    }
    run_cmd(
        opt.arg("-Oz")
            .args(WASM_FEATURES)
            .arg(input)
            .arg("-o")
            .arg(output),
    )
}

fn read_styles(dir: &Path) -> Result<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    files.sort();
    let mut css = Vec::new();
    for file in files {
        css.extend(read(&file)?);
        css.push(b'\n');
    }
    Ok(css)
}

fn precompress(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "js" | "wasm" | "css" | "html" | "webmanifest") {
            continue;
        }
        let data = read(&path)?;
        write(&with_suffix(&path, "br"), &brotli(&data)?)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&data).map_err(|e| e.to_string())?;
        write(
            &with_suffix(&path, "gz"),
            &gz.finish().map_err(|e| e.to_string())?,
        )?;
    }
    Ok(())
}

fn brotli(data: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(data).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

fn report(dist: &Path, shell: &Shell, chunks: &[Chunk], version: &str) -> Result<()> {
    let br = |d: &[u8]| brotli(d).map(|b| b.len());
    let index = read(&dist.join("index.html"))?;
    let total_br = br(shell.wasm)? + br(shell.js)? + br(shell.link)? + br(shell.css)? + br(&index)?;
    let mut json = String::new();
    let _ = write!(
        json,
        "{{\n  \"version\": \"{version}\",\n  \"wasm_after_bindgen\": {},\n  \"wasm_after_opt\": {},\n  \"wasm_brotli\": {},\n  \"js\": {},\n  \"js_brotli\": {},\n  \"split_js\": {},\n  \"split_js_brotli\": {},\n  \"css\": {},\n  \"css_brotli\": {},\n  \"shell_total_brotli\": {total_br},\n  \"chunks\": [",
        shell.bound.len(),
        shell.wasm.len(),
        br(shell.wasm)?,
        shell.js.len(),
        br(shell.js)?,
        shell.link.len(),
        br(shell.link)?,
        shell.css.len(),
        br(shell.css)?,
    );
    for (i, chunk) in chunks.iter().enumerate() {
        let comma = if i + 1 < chunks.len() { "," } else { "" };
        let _ = write!(
            json,
            "\n    {{ \"file\": \"{}\", \"bytes\": {}, \"brotli\": {} }}{comma}",
            chunk.name,
            chunk.data.len(),
            br(&chunk.data)?
        );
    }
    json.push_str("\n  ]\n}\n");
    write(&dist.join("sizes.json"), json.as_bytes())?;
    eprintln!("xtask: built dist/ (version {version})\n{json}");
    Ok(())
}

fn hashed(stem: &str, data: &[u8], ext: &str) -> String {
    format!("{stem}-{}.{ext}", short_hash(data))
}

fn short_hash(data: &[u8]) -> String {
    let digest = Sha256::digest(data);
    digest.iter().take(6).fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn mkdir(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| format!("cannot create {}: {e}", path.display()))
}

pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub(crate) fn write(path: &Path, data: &[u8]) -> Result<()> {
    std::fs::write(path, data).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
