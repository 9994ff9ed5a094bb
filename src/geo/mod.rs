//! Places and distances: the shipped gazetteer, great-circle distance,
//! "Kommunen wie wir" and the map's projection. Pure computation over data
//! compiled into the binary.

mod distance;
mod gazetteer;
pub mod projection;
mod radius;
mod similar;

pub use distance::{LatLon, great_circle_km};
pub use gazetteer::{Gazetteer, Home, KreisFacts, Place, Unresolved};
pub use radius::Radius;
pub use similar::{KreisFigures, KreisType, Similarity, similarity};
