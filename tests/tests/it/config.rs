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

/// The demo's password is public: a demo server listens on loopback only,
/// unless a second, explicitly named setting says the operator knows.
#[test]
fn demo_mode_stays_on_loopback_unless_told_the_password_is_public() {
    Jail::expect_with(|jail| {
        jail.set_env("DVK_DEMO", "true");
        jail.set_env("DVK_LISTEN", "0.0.0.0:8080");
        let error = Settings::load_from(None, Env::prefixed("DVK_")).err();
        assert!(
            matches!(error, Some(ConfigError::DemoOnNetwork { .. })),
            "{error:?}"
        );
        let shown = error.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            shown.contains("DVK_DEMO_PUBLIC_PASSWORD_ACCEPTED"),
            "{shown}"
        );
        jail.set_env("DVK_DEMO_PUBLIC_PASSWORD_ACCEPTED", "true");
        let settings = Settings::load_from(None, Env::prefixed("DVK_")).expect("accepted");
        assert!(settings.demo && settings.demo_public_password_accepted);
        Ok(())
    });
    for loopback in ["127.0.0.1:8080", "[::1]:8080", "127.0.0.2:9000"] {
        Jail::expect_with(|jail| {
            jail.set_env("DVK_DEMO", "true");
            jail.set_env("DVK_LISTEN", loopback);
            Settings::load_from(None, Env::prefixed("DVK_")).expect("loopback is fine");
            Ok(())
        });
    }
    // Not in demo mode, any address is fine.
    Jail::expect_with(|jail| {
        jail.set_env("DVK_LISTEN", "0.0.0.0:8443");
        Settings::load_from(None, Env::prefixed("DVK_")).expect("a real server");
        Ok(())
    });
}

#[test]
fn request_budgets_are_settings() {
    Jail::expect_with(|jail| {
        jail.create_file("dvk.toml", "budget_account_per_minute = 120\n")?;
        jail.set_env("DVK_BUDGET_ADDRESS_PER_MINUTE", "9000");
        let settings = Settings::load_from(None, Env::prefixed("DVK_")).expect("load");
        assert_eq!(settings.budget_account_per_minute, 120);
        assert_eq!(settings.budget_address_per_minute, 9000);
        jail.set_env("DVK_BUDGET_ADDRESS_PER_MINUTE", "0");
        let error = Settings::load_from(None, Env::prefixed("DVK_")).err();
        assert!(
            matches!(error, Some(ConfigError::ZeroBudget { .. })),
            "{error:?}"
        );
        Ok(())
    });
    let defaults = Settings::default();
    // 50 tablets behind one office address, each with a burst of its own.
    assert!(defaults.budget_address_per_minute >= 50 * 100);
    assert!(defaults.budget_account_per_minute >= 300);
}

#[test]
fn pull_readers_default_to_twice_the_cores_and_are_a_setting() {
    Jail::expect_with(|jail| {
        let settings = Settings::load_from(None, Env::prefixed("DVK_")).expect("load");
        assert_eq!(settings.pull_readers, 0);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(settings.pull_readers(), 2 * cores);
        jail.set_env("DVK_PULL_READERS", "3");
        let settings = Settings::load_from(None, Env::prefixed("DVK_")).expect("load");
        assert_eq!(settings.pull_readers(), 3);
        jail.set_env("DVK_PULL_READERS", "many");
        assert!(Settings::load_from(None, Env::prefixed("DVK_")).is_err());
        Ok(())
    });
}

#[test]
fn pushes_in_flight_are_a_setting_of_at_least_one() {
    Jail::expect_with(|jail| {
        let settings = Settings::load_from(None, Env::prefixed("DVK_")).expect("load");
        assert_eq!(settings.pushes_in_flight, 64);
        jail.set_env("DVK_PUSHES_IN_FLIGHT", "3");
        let settings = Settings::load_from(None, Env::prefixed("DVK_")).expect("load");
        assert_eq!(settings.pushes_in_flight, 3);
        jail.set_env("DVK_PUSHES_IN_FLIGHT", "0");
        let error = Settings::load_from(None, Env::prefixed("DVK_")).expect_err("0 refused");
        assert!(error.to_string().contains("pushes_in_flight"), "{error}");
        Ok(())
    });
}
