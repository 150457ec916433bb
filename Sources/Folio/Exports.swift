@_exported import FolioModel
@_exported import struct FolioEvaluate.EvaluationReport
