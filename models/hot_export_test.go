package models

// The column lists of hot.go, for TestHotColumnsCoverTheModels.
const (
	CadreColumns        = cadreColumns
	NotificationColumns = notificationColumns
)
