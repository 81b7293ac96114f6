//! Security (docs/security.md maps each ASVS area to these tests): the
//! headers on every answer, cookie sessions and the same-origin check,
//! request budgets, sign-in that tells nothing about usernames, and the
//! admin's view of sessions.
mod budgets;
mod cookies;
mod headers;
mod sessions;
mod sign_in;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::common::{Api, body_json};

/// A request as a browser or a script would send it, from `address`.
pub struct Call {
    pub method: &'static str,
    pub uri: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Value>,
    pub address: Option<SocketAddr>,
}

impl Call {
    pub fn new(method: &'static str, uri: impl Into<String>) -> Call {
        Call {
            method,
            uri: uri.into(),
            headers: Vec::new(),
            body: None,
            address: None,
        }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Call {
        self.headers.push((name, value.into()));
        self
    }

    pub fn json(mut self, body: Value) -> Call {
        self.body = Some(body);
        self
    }

    /// As if from this peer (the server reads `ConnectInfo`); no traffic
    /// leaves the process.
    pub fn from(mut self, address: SocketAddr) -> Call {
        self.address = Some(address);
        self
    }

    pub async fn send(self, api: &Api) -> Response<Body> {
        let mut builder = Request::builder().method(self.method).uri(&self.uri);
        for (name, value) in &self.headers {
            builder = builder.header(*name, value);
        }
        let body = match &self.body {
            Some(json) => {
                builder = builder.header("content-type", "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        let mut request = builder.body(body).expect("request");
        if let Some(address) = self.address {
            request.extensions_mut().insert(ConnectInfo(address));
        }
        api.app.clone().oneshot(request).await.expect("response")
    }
}

/// Status and JSON body (Null when empty).
pub async fn status_and_json(response: Response<Body>) -> (u16, Value) {
    let status = response.status().as_u16();
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .expect("body")
        .to_bytes();
    let value = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or_else(|_| json!(String::from_utf8_lossy(&bytes)))
    };
    (status, value)
}

/// A response header as text.
pub fn header(response: &Response<Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Signs a demo user in as the app does (cookie session): the cookie's
/// `name=value` pair and the device key.
pub async fn cookie_sign_in(api: &Api, username: &str) -> (String, String) {
    let response = Call::new("POST", "/api/auth/login")
        .header("host", "dvk.test")
        .header("origin", "http://dvk.test")
        .json(json!({
            "username": username,
            "password": server::demo::DEMO_PASSWORD,
            "cookie": true,
        }))
        .send(api)
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let cookie = header(&response, "set-cookie").expect("a session cookie");
    let pair = cookie.split(';').next().expect("name=value").to_owned();
    let body = body_json(response.into_body()).await;
    let key = body["key"].as_str().expect("device key").to_owned();
    (pair, key)
}
