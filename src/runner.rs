//! The one place where effects requested by `update` meet the store.

use crate::app::{Action, App, Effect, update};
use crate::store::Store;

pub fn perform(store: &Store, effect: Effect) -> Action {
    match effect {
        Effect::LoadLongText { key } => {
            let text = match store.long_text(&key) {
                Ok(Some(text)) => Ok(text),
                Ok(None) => Err(format!("„{key}“ ist nicht mehr in der Datenbank")),
                Err(error) => Err(error.to_string()),
            };
            Action::LongTextLoaded { key, text }
        }
    }
}

/// Applies an action and every action its effects lead to.
pub fn dispatch(app: &mut App, store: &Store, action: Action) {
    let mut pending = vec![action];
    while let Some(action) = pending.pop() {
        for effect in update(app, action) {
            pending.push(perform(store, effect));
        }
    }
}
