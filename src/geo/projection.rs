//! From coordinates to the map's plane: an equirectangular projection
//! around Germany's middle latitude, fitted to a terminal area whose cells
//! are about twice as tall as they are wide.

use super::distance::LatLon;

/// Germany lies between 47.3° and 55.1° north; its middle keeps the
/// east-west stretch within a few percent everywhere.
const REFERENCE_LAT: f64 = 51.2;

/// How much taller a terminal cell is than wide.
const CELL_ASPECT: f64 = 2.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

pub fn project(at: LatLon) -> Point {
    Point { x: at.lon * REFERENCE_LAT.to_radians().cos(), y: at.lat }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub x: [f64; 2],
    pub y: [f64; 2],
}

impl Bounds {
    /// Germany with a little sea and border around it.
    pub fn germany() -> Bounds {
        let south_west = project(LatLon::new(47.1, 5.7));
        let north_east = project(LatLon::new(55.2, 15.2));
        Bounds { x: [south_west.x, north_east.x], y: [south_west.y, north_east.y] }
    }

    fn width(&self) -> f64 {
        self.x[1] - self.x[0]
    }

    fn height(&self) -> f64 {
        self.y[1] - self.y[0]
    }

    /// Widens one axis, keeping the centre, so that a degree north and a
    /// projected degree east look equally long in `columns` × `rows` cells.
    pub fn fit(self, columns: u16, rows: u16) -> Bounds {
        if columns == 0 || rows == 0 {
            return self;
        }
        let wanted = f64::from(columns) / (f64::from(rows) * CELL_ASPECT);
        let have = self.width() / self.height();
        let grow = |range: [f64; 2], factor: f64| {
            let middle = (range[0] + range[1]) / 2.0;
            let half = (range[1] - range[0]) / 2.0 * factor;
            [middle - half, middle + half]
        };
        if have < wanted {
            Bounds { x: grow(self.x, wanted / have), y: self.y }
        } else {
            Bounds { x: self.x, y: grow(self.y, have / wanted) }
        }
    }

    /// The cell a point falls in, as the canvas draws it; None outside.
    pub fn cell(&self, point: Point, columns: u16, rows: u16) -> Option<(u16, u16)> {
        let inside = (self.x[0]..=self.x[1]).contains(&point.x) && (self.y[0]..=self.y[1]).contains(&point.y);
        if !inside || columns == 0 || rows == 0 {
            return None;
        }
        let column = ((point.x - self.x[0]) / self.width() * f64::from(columns)).floor() as u16;
        let row = ((self.y[1] - point.y) / self.height() * f64::from(rows)).floor() as u16;
        Some((column.min(columns - 1), row.min(rows - 1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn north_is_up_and_east_is_right() {
        let berlin = project(LatLon::new(52.52, 13.40));
        let munich = project(LatLon::new(48.14, 11.58));
        let hamburg = project(LatLon::new(53.55, 9.99));
        assert!(berlin.y > munich.y && berlin.x > hamburg.x);
    }

    #[test]
    fn fitting_keeps_germany_inside_and_squares_the_cells() {
        for (columns, rows) in [(120, 35), (80, 24), (40, 40)] {
            let fitted = Bounds::germany().fit(columns, rows);
            let germany = Bounds::germany();
            assert!(fitted.x[0] <= germany.x[0] && fitted.x[1] >= germany.x[1]);
            assert!(fitted.y[0] <= germany.y[0] && fitted.y[1] >= germany.y[1]);
            let units_per_column = fitted.width() / f64::from(columns);
            let units_per_row = fitted.height() / f64::from(rows);
            assert!((units_per_row / units_per_column - CELL_ASPECT).abs() < 1e-9, "{columns}×{rows}");
        }
    }

    #[test]
    fn points_land_in_the_cells_the_canvas_draws() {
        let bounds = Bounds { x: [0.0, 10.0], y: [0.0, 5.0] };
        assert_eq!(bounds.cell(Point { x: 0.0, y: 5.0 }, 10, 5), Some((0, 0)), "north-west corner");
        assert_eq!(bounds.cell(Point { x: 10.0, y: 0.0 }, 10, 5), Some((9, 4)), "south-east corner");
        assert_eq!(bounds.cell(Point { x: 4.5, y: 2.5 }, 10, 5), Some((4, 2)));
        assert_eq!(bounds.cell(Point { x: 11.0, y: 2.0 }, 10, 5), None);
    }
}
