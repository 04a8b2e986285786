import Crypto

/// RFC 6962 Merkle tree hashing, computed incrementally over a stream of leaves in O(log n) memory.
///
/// Leaf hash = SHA-256(0x00 ‖ leaf), node = SHA-256(0x01 ‖ left ‖ right), and the tree of n leaves splits at the
/// largest power of two below n — which is exactly what folding the perfect subtrees of a left-to-right
/// append (a "compact range") from the right gives. The empty tree's root is SHA-256 of nothing.
public struct MerkleTree: Sendable {
    /// Roots of perfect subtrees, largest first, with their heights.
    private var stack: [(height: Int, hash: [UInt8])] = []
    public private(set) var size: UInt64 = 0

    public init() {}

    /// Adds one leaf (a registry line without its newline).
    public mutating func append(leaf: UnsafeRawBufferPointer) {
        var h = SHA256()
        h.update(data: [0x00])
        h.update(bufferPointer: leaf)
        var node = (height: 0, hash: Array(h.finalize()))
        while let top = stack.last, top.height == node.height {
            stack.removeLast()
            node = (node.height + 1, MerkleTree.parent(top.hash, node.hash))
        }
        stack.append(node)
        size += 1
    }

    /// The root of the leaves appended so far.
    public var root: [UInt8] {
        guard var acc = stack.last?.hash else { return Array(SHA256.hash(data: [UInt8]())) }
        for entry in stack.dropLast().reversed() { acc = MerkleTree.parent(entry.hash, acc) }
        return acc
    }

    static func parent(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(data: [0x01])
        h.update(data: left)
        h.update(data: right)
        return Array(h.finalize())
    }
}
