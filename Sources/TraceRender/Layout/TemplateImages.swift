import CCairo

/// A template's PNG images, decoded on first use and kept for the painter's life: a job draws its static layer again
/// whenever the static texts change, and decoding a logo each time would cost more than drawing it.
///
/// Not thread-safe: it belongs to one ``LabelPainter``.
final class TemplateImages {
    private var surfaces: [String: OpaquePointer] = [:]

    deinit {
        for surface in surfaces.values { cairo_surface_destroy(surface) }
    }

    /// The decoded image at `path`, owned by this cache.
    /// - Throws: `RenderError.cairo` when the file cannot be read as a PNG.
    func surface(_ path: String) throws(RenderError) -> OpaquePointer {
        if let surface = surfaces[path] { return surface }
        guard let surface = cairo_image_surface_create_from_png(path) else {
            throw RenderError.cairo(function: "cairo_image_surface_create_from_png('\(path)')", status: "NULL")
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw RenderError.cairo(function: "cairo_image_surface_create_from_png('\(path)')", status: String(cString: cairo_status_to_string(status)))
        }
        surfaces[path] = surface
        return surface
    }
}
