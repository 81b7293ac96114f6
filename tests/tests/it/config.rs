//! Settings: defaults, file, `DVK_*` environment, and clear errors.
// figment::Jail closures return figment's own (large) error type.
#![allow(clippy::result_large_err)]
use figment::Jail;
use figment::providers::Env;
use server::Settings;
use server::config::{ConfigError, LogFormat};

#[test]
fn defaults_file_then_environment() {
    Jail::expect_with(|jail| {
        jail.create_file(
            "dvk.toml",
            "listen = \"0.0.0.0:9000\"\nstore = \"mem://\"\nlog_format = \"json\"\n",
        )?;
        jail.set_env("DVK_LISTEN", "127.0.0.1:9100");
        jail.set_env("DVK_DEMO", "true");
        let settings = Settings::load_from(None, Env::prefixed("DVK_")).expect("load");
        assert_eq!(settings.listen.to_string(), "127.0.0.1:9100");
        assert_eq!(settings.store, "mem://");
        assert_eq!(settings.log_format, LogFormat::Json);
        assert!(settings.demo);
        assert_eq!(settings.namespace, "dvk");
        Ok(())
    });
}

#[test]
fn bad_settings_are_errors_not_panics() {
    Jail::expect_with(|jail| {
        jail.set_env("DVK_LISTEN", "not an address");
        let error = Settings::load_from(None, Env::prefixed("DVK_")).err();
        assert!(matches!(error, Some(ConfigError::Invalid(_))), "{error:?}");
        Ok(())
    });
    Jail::expect_with(|jail| {
        jail.set_env("DVK_TLS_CERT", "cert.pem");
        let error = Settings::load_from(None, Env::prefixed("DVK_")).err();
        assert!(matches!(error, Some(ConfigError::HalfTls)), "{error:?}");
        Ok(())
    });
    Jail::expect_with(|jail| {
        let missing = jail.directory().join("nope.toml");
        let error = Settings::load_from(Some(&missing), Env::prefixed("DVK_")).err();
        assert!(
            matches!(error, Some(ConfigError::MissingFile { .. })),
            "{error:?}"
        );
        Ok(())
    });
}

#[test]
fn store_password_never_printed() {
    let settings = Settings {
        store_pass: Some("s3cret-pass".into()),
        ..Settings::default()
    };
    let shown = format!("{settings:?}");
    assert!(!shown.contains("s3cret-pass"), "{shown}");
    assert!(shown.contains("<hidden>"));
}
