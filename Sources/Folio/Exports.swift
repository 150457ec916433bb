@_exported import FolioModel
@_exported import struct FolioEvaluate.EvaluationReport
@_exported import enum FolioEvaluate.RunningProcesses
