//! Signing in to the dashboard: one-time sign-in links (made through the API
//! with its bearer token, printed by `vetnet open`), the sessions they open
//! (in memory, bounded, expiring when idle), and each session's CSRF token.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, header};

/// How long a sign-in link can be used.
pub const LINK_LIFETIME: Duration = Duration::from_secs(5 * 60);
/// Links not yet used; a new one beyond this replaces the oldest.
pub const MAX_LINKS: usize = 16;
/// A session nobody used for this long is closed.
pub const SESSION_IDLE: Duration = Duration::from_secs(12 * 60 * 60);
/// Open sessions; a new one beyond this closes the least recently used.
pub const MAX_SESSIONS: usize = 64;
/// The session cookie's name before the admin port: `vetnet_session_7411`.
/// Browsers keep cookies per host, not per port, so two nodes on
/// `127.0.0.1` each need a cookie of their own.
pub const SESSION_COOKIE_PREFIX: &str = "vetnet_session_";

/// The dashboard's sign-in links and sessions. One lock guards both: every
/// operation on them is a few map lookups.
pub struct Sessions {
    inner: Mutex<Table>,
    /// This node's session cookie name.
    cookie_name: String,
}

#[derive(Default)]
struct Table {
    /// Unused sign-in tokens and when each stops working.
    links: HashMap<String, Instant>,
    sessions: HashMap<String, Session>,
}

/// An open session: who signed in is implicit (the node's admin), so a
/// session only needs its CSRF token and when it was last used.
#[derive(Clone)]
pub struct Session {
    pub id: String,
    /// Put in every form's hidden `csrf` field and checked on every POST.
    pub csrf: String,
    last_used: Instant,
}

/// The system has no randomness to give: nothing can be signed in.
#[derive(Debug, thiserror::Error)]
#[error("no randomness for a dashboard token: {0}")]
pub struct NoRandomness(#[source] getrandom::Error);

/// 32 random bytes in hex.
fn random_token() -> Result<String, NoRandomness> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(NoRandomness)?;
    Ok(hex::encode(bytes))
}

impl Sessions {
    /// The sessions of the dashboard on admin port `port`.
    pub fn for_port(port: u16) -> Self {
        Self { inner: Mutex::default(), cookie_name: format!("{SESSION_COOKIE_PREFIX}{port}") }
    }

    /// The name of this node's session cookie.
    pub fn cookie_name(&self) -> &str {
        &self.cookie_name
    }

    /// The `Set-Cookie` value that opens a session in the browser: not
    /// readable by scripts, never sent by other sites, and (plain-HTTP
    /// loopback) not `Secure`.
    pub fn session_cookie(&self, session: &Session) -> String {
        format!("{}={}; HttpOnly; SameSite=Strict; Path=/", self.cookie_name, session.id)
    }

    /// The `Set-Cookie` value that forgets the session cookie.
    pub fn expired_session_cookie(&self) -> String {
        format!("{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0", self.cookie_name)
    }

    fn table(&self) -> std::sync::MutexGuard<'_, Table> {
        // A panic while holding the lock leaves plain maps behind: still usable.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A new one-time sign-in token.
    pub fn new_link(&self) -> Result<String, NoRandomness> {
        let token = random_token()?;
        let now = Instant::now();
        let mut table = self.table();
        table.links.retain(|_, expires| *expires > now);
        if table.links.len() >= MAX_LINKS
            && let Some(oldest) = table.links.iter().min_by_key(|(_, e)| **e).map(|(t, _)| t.clone())
        {
            table.links.remove(&oldest);
        }
        table.links.insert(token.clone(), now + LINK_LIFETIME);
        Ok(token)
    }

    /// Uses up a sign-in token and opens a session; `None` when the token
    /// is unknown, used or expired.
    pub fn sign_in(&self, token: &str) -> Result<Option<Session>, NoRandomness> {
        let (id, csrf) = (random_token()?, random_token()?);
        let now = Instant::now();
        let mut table = self.table();
        match table.links.remove(token) {
            Some(expires) if expires > now => {}
            _ => return Ok(None),
        }
        table.sessions.retain(|_, s| now.duration_since(s.last_used) < SESSION_IDLE);
        if table.sessions.len() >= MAX_SESSIONS
            && let Some(oldest) = table.sessions.values().min_by_key(|s| s.last_used).map(|s| s.id.clone())
        {
            table.sessions.remove(&oldest);
        }
        let session = Session { id: id.clone(), csrf, last_used: now };
        table.sessions.insert(id, session.clone());
        Ok(Some(session))
    }

    /// The session a request's cookie names, if it is open; using it keeps
    /// it open for another [`SESSION_IDLE`].
    pub fn find(&self, headers: &HeaderMap) -> Option<Session> {
        let id = cookie(headers, &self.cookie_name)?;
        let now = Instant::now();
        let mut table = self.table();
        let session = table.sessions.get_mut(id)?;
        if now.duration_since(session.last_used) >= SESSION_IDLE {
            table.sessions.remove(id);
            return None;
        }
        session.last_used = now;
        Some(session.clone())
    }

    /// Closes a session.
    pub fn sign_out(&self, id: &str) {
        self.table().sessions.remove(id);
    }
}

/// The value of one cookie of a request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

pub(crate) use crate::api::{constant_time_eq, has_api_token};

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_cookie(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn a_link_opens_one_session_once() {
        let sessions = Sessions::for_port(7411);
        let link = sessions.new_link().unwrap();
        let session = sessions.sign_in(&link).unwrap().expect("a fresh link signs in");
        assert!(sessions.sign_in(&link).unwrap().is_none(), "a link works once");
        assert!(sessions.sign_in("not-a-link").unwrap().is_none());
        assert!(sessions.session_cookie(&session).starts_with("vetnet_session_7411="));
        let headers = with_cookie(&format!("other=1; vetnet_session_7412=x; vetnet_session_7411={}", session.id));
        assert_eq!(sessions.find(&headers).map(|s| s.csrf), Some(session.csrf));
        let other_node = with_cookie(&format!("vetnet_session_7412={}", session.id));
        assert!(sessions.find(&other_node).is_none(), "another port's cookie is not this node's");
        sessions.sign_out(&session.id);
        assert!(sessions.find(&headers).is_none());
    }

    #[test]
    fn links_and_sessions_are_bounded() {
        let sessions = Sessions::for_port(7411);
        let first = sessions.new_link().unwrap();
        for _ in 0..MAX_LINKS {
            sessions.new_link().unwrap();
        }
        assert!(sessions.sign_in(&first).unwrap().is_none(), "the oldest link made way");
        assert_eq!(sessions.table().links.len(), MAX_LINKS);
        for _ in 0..MAX_SESSIONS + 3 {
            let link = sessions.new_link().unwrap();
            sessions.sign_in(&link).unwrap().unwrap();
        }
        assert_eq!(sessions.table().sessions.len(), MAX_SESSIONS);
    }
}
