//! A minimal `tracing` subscriber that records every span (with the fields
//! it was created with and those recorded later) and every event, so that a
//! test can read what a log or trace backend would have received.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Metadata, Subscriber};

/// One span: its name and fields (later values replace earlier ones).
#[derive(Debug, Clone, Default)]
pub struct RecordedSpan {
    pub name: String,
    pub target: String,
    pub level: String,
    pub fields: BTreeMap<String, String>,
}

/// One event: its level, target, fields, and the span it happened in.
#[derive(Debug, Clone)]
pub struct RecordedEvent {
    pub level: String,
    pub target: String,
    pub fields: BTreeMap<String, String>,
    pub span: Option<u64>,
}

#[derive(Default)]
struct Log {
    spans: BTreeMap<u64, RecordedSpan>,
    events: Vec<RecordedEvent>,
    stack: Vec<u64>,
}

/// The recorder; clone it to keep a handle after installing it.
#[derive(Clone, Default)]
pub struct Recorder {
    log: Arc<Mutex<Log>>,
    next_id: Arc<AtomicU64>,
}

impl Recorder {
    /// The spans recorded so far, in creation order.
    pub fn spans(&self) -> Vec<RecordedSpan> {
        self.log.lock().unwrap().spans.values().cloned().collect()
    }

    /// The events recorded so far.
    pub fn events(&self) -> Vec<RecordedEvent> {
        self.log.lock().unwrap().events.clone()
    }

    /// Everything recorded, as text: what a log file would contain.
    pub fn dump(&self) -> String {
        let log = self.log.lock().unwrap();
        let mut text = String::new();
        for (id, span) in &log.spans {
            text.push_str(&format!(
                "span {id} {} {} {} {:?}\n",
                span.level, span.target, span.name, span.fields
            ));
        }
        for event in &log.events {
            text.push_str(&format!(
                "event {} {} in {:?} {:?}\n",
                event.level, event.target, event.span, event.fields
            ));
        }
        text
    }
}

struct FieldVisitor<'a>(&'a mut BTreeMap<String, String>);

impl Visit for FieldVisitor<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Recorder {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        Interest::always()
    }

    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        Some(tracing::level_filters::LevelFilter::TRACE)
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let metadata = attributes.metadata();
        let mut span = RecordedSpan {
            name: metadata.name().to_owned(),
            target: metadata.target().to_owned(),
            level: metadata.level().to_string(),
            fields: BTreeMap::new(),
        };
        attributes.record(&mut FieldVisitor(&mut span.fields));
        self.log.lock().unwrap().spans.insert(id, span);
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Some(span) = self.log.lock().unwrap().spans.get_mut(&span.into_u64()) {
            values.record(&mut FieldVisitor(&mut span.fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut FieldVisitor(&mut fields));
        let mut log = self.log.lock().unwrap();
        let span = event
            .parent()
            .map(Id::into_u64)
            .or_else(|| log.stack.last().copied());
        log.events.push(RecordedEvent {
            level: event.metadata().level().to_string(),
            target: event.metadata().target().to_owned(),
            fields,
            span,
        });
    }

    fn enter(&self, span: &Id) {
        self.log.lock().unwrap().stack.push(span.into_u64());
    }

    fn exit(&self, span: &Id) {
        let mut log = self.log.lock().unwrap();
        if let Some(position) = log.stack.iter().rposition(|id| *id == span.into_u64()) {
            log.stack.remove(position);
        }
    }
}
