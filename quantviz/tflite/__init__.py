"""``.tflite`` files (TFLite flatbuffers), from the schema up to LiteRT:

- ``schema``: the tensor types of the schema as numpy dtypes (one table, for reading and writing);
- ``read``: the flatbuffer tables of any file, field by field, nothing copied (``quantviz.weightfiles``
  reads constant tensors through it, within its budget);
- ``write``: a graph of tensors and operators as the bytes of a file;
- ``inspect``: every tensor of a file with its type, shape, scales and zero points, and its operators;
- ``convert``: a post-training quantized model (``quantviz.nn.ptq.QModel``) as a TFLite graph and file;
- ``litert``: that file run in LiteRT, compared with quantviz's integer inference.

Only ``convert`` and ``litert`` build on ``quantviz.nn``; reading and writing do not.
"""
