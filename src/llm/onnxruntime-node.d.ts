// onnxruntime-node 1.19 ships without type declarations; its API is onnxruntime-common's, which it re-exports.
declare module "onnxruntime-node" {
  export * from "onnxruntime-common";
}
