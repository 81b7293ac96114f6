//! Splits the app's wasm at its split points (app/src/pages/lazy.rs) with
//! `wasm_split_cli_support`, the library cargo-leptos uses for Leptos's
//! `#[lazy]`: a main module, one module per split point (`split_<name>`)
//! and modules of code two or more split points share (`chunk_<n>`), plus
//! a small JS loader that the main module imports and that fetches a split
//! point's modules the first time it is called. docs/build.md.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::Result;

/// The loader's name as the main module imports it; renamed with a hash
/// once built (see [`Output::link`]).
pub const LINK_NAME: &str = "./dvk-split.js";
/// Where the loader imports `initSync` from: wasm-bindgen's JS for the
/// main module, in the same folder.
pub const MAIN_JS: &str = "./app.js";

/// What the splitter wrote.
pub struct Output {
    /// The main module, for wasm-bindgen.
    pub main: PathBuf,
    /// The split and shared modules, to be optimised and served as they are.
    pub modules: Vec<PathBuf>,
    /// The loader (ES module).
    pub link: PathBuf,
    /// Each split point's module stems (`split_<name>` and the `chunk_<n>`
    /// it needs): what opening it fetches.
    pub needs: BTreeMap<String, Vec<String>>,
}

/// Splits `raw` (rustc's output, linked with `--emit-relocs`) into `dir`.
pub fn split(raw: &Path, dir: &Path) -> Result<Output> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let input = std::fs::read(raw).map_err(|e| format!("cannot read {}: {e}", raw.display()))?;
    let main = dir.join("app.wasm");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = dir;
    options.main_out_path = &main;
    options.link_name = LINK_NAME;
    options.main_module = MAIN_JS;
    let result = wasm_split_cli_support::transform(options)
        .map_err(|e| format!("wasm split of {} failed: {e:?}", raw.display()))?;
    let mut modules = result.split_modules;
    modules.sort();
    let needs = result
        .prefetch_map
        .into_iter()
        .map(|(split, mut stems)| {
            stems.sort();
            (split, stems)
        })
        .collect();
    Ok(Output {
        main,
        modules,
        link: dir.join(LINK_NAME.trim_start_matches("./")),
        needs,
    })
}

/// Renames the module `old` in every `from '<old>'` (either quote) of the
/// JS module `js`, and nowhere else: wasm-bindgen writes one import per
/// imported function, but keys its imports object by the name the wasm
/// asks for, which stays.
pub fn replace_import(js: &str, old: &str, new: &str) -> Result<String> {
    let mut out = js.to_owned();
    let mut found = 0;
    for quote in ['\'', '"'] {
        let pattern = format!("from {quote}{old}{quote}");
        found += out.matches(&pattern).count();
        out = out.replace(&pattern, &format!("from {quote}{new}{quote}"));
    }
    if found == 0 {
        return Err(format!("no import of {old}"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::replace_import;

    #[test]
    fn imports_are_renamed_only_in_their_from_clauses() {
        let js = "import * as a from \"./dvk-split.js\"\nimport * as b from './dvk-split.js'\n\
                  imports = { \"./dvk-split.js\": a, \"./dvk-split.js\": b };\n";
        let renamed = replace_import(js, "./dvk-split.js", "./split-1.js").expect("renamed");
        assert_eq!(
            renamed,
            "import * as a from \"./split-1.js\"\nimport * as b from './split-1.js'\n\
             imports = { \"./dvk-split.js\": a, \"./dvk-split.js\": b };\n"
        );
        assert!(replace_import("import x from \"./app.js\";", "./app.js", "./app-2.js").is_ok());
        assert!(replace_import("nothing", "./app.js", "./b.js").is_err());
    }
}
